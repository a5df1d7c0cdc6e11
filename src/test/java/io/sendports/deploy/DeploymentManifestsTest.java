package io.sendports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.sendports.SendportsConfig;
import io.sendports.broker.TopicSetup;
import io.sendports.camel.DeliveryMetrics;
import io.sendports.delivery.RetryWorker;
import io.sendports.domain.GroupPath;
import io.sendports.domain.MessagePattern;
import io.sendports.domain.PortKind;
import io.sendports.domain.SendPort;
import io.sendports.domain.Subscription;
import io.smallrye.config.WithDefault;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * The manifests of deploy/ (docs/DEPLOYMENT.md): every overlay renders with {@code kubectl kustomize}, every object
 * parses with its model (fabric8's for Kubernetes, Strimzi's for KafkaTopic and KafkaUser) with no field the model does
 * not know, and what they say agrees with the code: selectors and labels, probes, disruption budget and autoscaling
 * bounds, image and environment, the topics TopicSetup creates, the ACLs the Kafka calls need, and the metric names
 * the alerts and the dashboard use. Without kubectl the rendering alone is left out (said on the console): the files
 * each kustomization lists are read, and its patches, replicas and images applied by a simple merge; the objects of
 * its generators are missing then. docker-compose.yml is checked too, and with {@code docker compose config} when the
 * CLI has the compose plugin (or {@code docker-compose config}).
 */
class DeploymentManifestsTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final List<String> OVERLAYS = List.of("dev", "production");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The objects of each overlay, as rendered (or, without kubectl, as listed). */
    private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();
    private static boolean kustomized;

    @BeforeAll
    static void render() throws Exception {
        // -Ddeploy.test.kubectl=none checks the way without kubectl; =<path> names another kubectl
        String chosen = System.getProperty("deploy.test.kubectl", "");
        Optional<Path> kubectl = chosen.equals("none") ? Optional.empty()
                : chosen.isEmpty() ? tool("kubectl") : Optional.of(Path.of(chosen));
        kustomized = kubectl.isPresent();
        if (!kustomized) {
            System.out.println("DeploymentManifestsTest: kubectl is not installed, so the overlays are not rendered by"
                    + " kustomize: the files their kustomizations list are read, their patches merged here, their"
                    + " generators (the dashboard ConfigMap, KEDA's Secret) left out.");
        }
        for (String overlay : OVERLAYS) {
            Path dir = DEPLOY.resolve("overlays").resolve(overlay);
            RENDERED.put(overlay, kustomized ? kustomize(kubectl.get(), dir) : listed(dir));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parsing

    @Test
    void everyObjectParsesWithItsModelAndHasNoUnknownField() throws Exception {
        List<String> problems = new ArrayList<>();
        for (var overlay : RENDERED.entrySet()) {
            for (JsonNode object : overlay.getValue()) {
                problems.addAll(unknownFields(object, overlay.getKey() + ": " + id(object)));
            }
        }
        // the patches too: they are partial objects of the same kinds
        try (var files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith("-patch.yaml")).toList()) {
                for (JsonNode patch : documents(file)) {
                    problems.addAll(unknownFields(patch, file.toString()));
                }
            }
        }
        assertEquals(List.of(), problems, "fields the models do not know (typos?)");
    }

    /** The check above finds a misspelt field at any depth, in each kind of model: a typo planted in a copy of each. */
    @Test
    void aMisspeltFieldIsFound() throws IOException {
        Map<String, String> typos = Map.of(
                "Deployment", "/spec/template/spec/containers/0",
                "KafkaTopic", "/spec",
                "KafkaUser", "/spec/authorization/acls/0",
                "ScaledObject", "/spec/triggers/0",
                "PrometheusRule", "/spec/groups/0/rules/0",
                "NetworkPolicy", "/spec/egress/0");
        typos.forEach((kind, at) -> {
            ObjectNode copy = objects("production", kind).get(0).deepCopy();
            ((ObjectNode) copy.at(at)).put("misspelt", "x");
            assertFalse(unknownFields(copy, kind).isEmpty(), "a misspelt field at " + at + " of a " + kind + " is found");
        });
    }

    @Test
    void theKindsAreThoseDocumentedWithTheirApiVersions() {
        for (var overlay : RENDERED.entrySet()) {
            for (JsonNode object : overlay.getValue()) {
                String kind = object.path("kind").asText();
                assertTrue(KINDS.containsKey(kind), overlay.getKey() + ": unexpected kind " + kind);
                assertEquals(KINDS.get(kind).apiVersion(), object.path("apiVersion").asText(),
                        overlay.getKey() + ": apiVersion of " + id(object)
                                + " (Strimzi 1.0 accepts only kafka.strimzi.io/v1)");
            }
        }
        assertTrue(KafkaTopic.VERSIONS.contains("v1") && KafkaUser.VERSIONS.contains("v1"),
                "the Strimzi API jar knows kafka.strimzi.io/v1");
        assertEquals(KINDS.get("KafkaTopic").apiVersion(), KafkaTopic.RESOURCE_GROUP + "/v1");
        List<String> production = kinds("production");
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "PersistentVolumeClaim", "PodDisruptionBudget",
                "NetworkPolicy", "KafkaTopic", "KafkaUser", "ScaledObject", "TriggerAuthentication", "PrometheusRule",
                "ServiceMonitor")) {
            assertTrue(production.contains(kind), "production has a " + kind);
        }
        List<String> dev = kinds("dev");
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "PersistentVolumeClaim")) {
            assertTrue(dev.contains(kind), "dev has a " + kind);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The Deployment and what points at it

    @Test
    void selectorsMatchThePodLabels() {
        for (String overlay : OVERLAYS) {
            Deployment deployment = deployment(overlay);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertMatches(deployment.getSpec().getSelector(), podLabels, overlay + ": the Deployment's selector");
            for (Service service : all(overlay, "Service", Service.class)) {
                assertTrue(subset(service.getSpec().getSelector(), podLabels),
                        overlay + ": Service " + service.getMetadata().getName() + " selects the pods");
            }
            for (PodDisruptionBudget pdb : all(overlay, "PodDisruptionBudget", PodDisruptionBudget.class)) {
                assertMatches(pdb.getSpec().getSelector(), podLabels, overlay + ": the PodDisruptionBudget's selector");
            }
            for (NetworkPolicy policy : all(overlay, "NetworkPolicy", NetworkPolicy.class)) {
                assertMatches(policy.getSpec().getPodSelector(), podLabels, overlay + ": the NetworkPolicy's pods");
            }
            for (TopologySpreadConstraint spread : deployment.getSpec().getTemplate().getSpec()
                    .getTopologySpreadConstraints()) {
                assertMatches(spread.getLabelSelector(), podLabels, overlay + ": spread over " + spread.getTopologyKey());
            }
            Service service = one(overlay, "Service", Service.class);
            Set<String> servicePorts = service.getSpec().getPorts().stream().map(ServicePort::getName)
                    .collect(Collectors.toSet());
            for (JsonNode monitor : objects(overlay, "ServiceMonitor")) {
                monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                        assertEquals(label.getValue().asText(), service.getMetadata().getLabels().get(label.getKey()),
                                overlay + ": the ServiceMonitor selects the Service by " + label.getKey()));
                for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                    assertTrue(servicePorts.contains(endpoint.path("port").asText()),
                            overlay + ": the ServiceMonitor scrapes a port of the Service");
                    assertEquals("/q/metrics", endpoint.path("path").asText(), "Sendports' metrics path");
                }
            }
        }
    }

    @Test
    void probesAndPortsAreSendportsHealthEndpointsOnItsHttpPort() throws IOException {
        int httpPort = Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));
        for (String overlay : OVERLAYS) {
            Container container = sendports(deployment(overlay));
            ContainerPort port = container.getPorts().stream().filter(p -> p.getContainerPort() == httpPort).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": the container declares port " + httpPort));
            assertProbe(container.getLivenessProbe(), "/q/health/live", port, overlay + ": liveness");
            assertProbe(container.getStartupProbe(), "/q/health/live", port, overlay + ": startup");
            assertProbe(container.getReadinessProbe(), "/q/health/ready", port, overlay + ": readiness");
            Service service = one(overlay, "Service", Service.class);
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                assertTrue(refersTo(servicePort.getTargetPort(), port),
                        overlay + ": the Service's port " + servicePort.getName() + " goes to the container's");
            }
            for (NetworkPolicy policy : all(overlay, "NetworkPolicy", NetworkPolicy.class)) {
                policy.getSpec().getIngress().forEach(rule -> {
                    for (NetworkPolicyPort allowed : rule.getPorts()) {
                        assertTrue(refersTo(allowed.getPort(), port), overlay + ": the NetworkPolicy lets in the http port");
                    }
                });
            }
        }
    }

    @Test
    void replicasResourcesAndDisruptionBudget() {
        Deployment dev = deployment("dev");
        assertEquals(1, dev.getSpec().getReplicas(), "dev runs one replica");
        Deployment production = deployment("production");
        int replicas = production.getSpec().getReplicas();
        assertEquals(3, replicas, "production runs three replicas");
        PodDisruptionBudget pdb = one("production", "PodDisruptionBudget", PodDisruptionBudget.class);
        int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
        assertTrue(minAvailable > 0 && minAvailable < replicas,
                "minAvailable " + minAvailable + " below the replicas " + replicas + ": an eviction can proceed");
        JsonNode scaled = objects("production", "ScaledObject").get(0).path("spec");
        int min = scaled.path("minReplicaCount").asInt();
        int max = scaled.path("maxReplicaCount").asInt();
        assertEquals(replicas, min, "KEDA's minReplicaCount is the production replicas");
        assertTrue(minAvailable < min && min <= max, "minAvailable < minReplicaCount <= maxReplicaCount");
        for (String overlay : OVERLAYS) {
            var resources = sendports(deployment(overlay)).getResources();
            assertNotNull(resources.getRequests().get("cpu"), overlay + ": a CPU request");
            assertNotNull(resources.getRequests().get("memory"), overlay + ": a memory request");
            assertNotNull(resources.getLimits().get("memory"), overlay + ": a memory limit");
        }
        assertEquals(2, production.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().size(),
                "production spreads over nodes and zones");
        // production asks for more than dev (the patches applied)
        assertTrue(memoryMi(sendports(production).getResources().getLimits().get("memory").toString())
                > memoryMi(sendports(dev).getResources().getLimits().get("memory").toString()), "memory limits");
    }

    /**
     * On SIGTERM the service stops taking work and waits up to {@code camel.main.shutdown-timeout} for in-flight
     * deliveries, then commits, leaves its groups and closes its clients (RollingRestartIT, ShutdownIT). Kubernetes
     * sends SIGKILL when the grace period ends: it must outlast that wait with room for the rest. A rollout replaces
     * one pod at a time, the new one ready before an old one stops.
     */
    @Test
    void aRolloutReplacesOnePodAtATimeAndTheGracePeriodOutlastsTheGracefulStop() throws IOException {
        int shutdownTimeout = Integer.parseInt(applicationProperties().getProperty("camel.main.shutdown-timeout"));
        for (String overlay : OVERLAYS) {
            Long grace = deployment(overlay).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertNotNull(grace, overlay + ": terminationGracePeriodSeconds");
            assertTrue(grace >= shutdownTimeout + 10, overlay + ": terminationGracePeriodSeconds " + grace
                    + " must be at least camel.main.shutdown-timeout (" + shutdownTimeout + " s) + 10 s");
            var rollout = deployment(overlay).getSpec().getStrategy();
            assertEquals("RollingUpdate", rollout.getType(), overlay + ": strategy");
            assertEquals(0, rollout.getRollingUpdate().getMaxUnavailable().getIntVal(), overlay + ": maxUnavailable");
            assertEquals(1, rollout.getRollingUpdate().getMaxSurge().getIntVal(), overlay + ": maxSurge");
        }
    }

    @Test
    void volumesClaimsAndSecretsExistOrAreDocumented() throws IOException {
        String deploymentDoc = Files.readString(Path.of("docs", "DEPLOYMENT.md"));
        for (String overlay : OVERLAYS) {
            Deployment deployment = deployment(overlay);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Set<String> secrets = new TreeSet<>();
            for (Volume volume : pod.getVolumes()) {
                if (volume.getPersistentVolumeClaim() != null) {
                    String claim = volume.getPersistentVolumeClaim().getClaimName();
                    assertTrue(all(overlay, "PersistentVolumeClaim", PersistentVolumeClaim.class).stream()
                            .anyMatch(c -> c.getMetadata().getName().equals(claim)), overlay + ": the claim " + claim);
                }
                if (volume.getSecret() != null) {
                    secrets.add(volume.getSecret().getSecretName());
                }
            }
            for (EnvVar env : sendports(deployment).getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    secrets.add(env.getValueFrom().getSecretKeyRef().getName());
                }
            }
            Set<String> made = all(overlay, "Secret", Secret.class).stream().map(s -> s.getMetadata().getName())
                    .collect(Collectors.toSet());
            Set<String> byStrimzi = strimziSecrets(overlay);
            for (String secret : secrets) {
                assertTrue(made.contains(secret) || byStrimzi.contains(secret) || deploymentDoc.contains("`" + secret + "`"),
                        overlay + ": the Secret " + secret + " is made here, by Strimzi, or docs/DEPLOYMENT.md says how"
                                + " to create it");
            }
            assertTrue(secrets.contains("sendports-users"), overlay + ": the users file comes from a Secret");
        }
        PersistentVolumeClaim devFiles = one("dev", "PersistentVolumeClaim", PersistentVolumeClaim.class);
        PersistentVolumeClaim productionFiles = one("production", "PersistentVolumeClaim", PersistentVolumeClaim.class);
        assertEquals(List.of("ReadWriteMany"), productionFiles.getSpec().getAccessModes(),
                "several replicas write every file port's directory");
        assertEquals(List.of("ReadWriteOnce"), devFiles.getSpec().getAccessModes(), "one replica");
    }

    /** The Secrets Strimzi writes: one per KafkaUser, and the cluster CA of the cluster the resources name. */
    private static Set<String> strimziSecrets(String overlay) {
        Set<String> names = new HashSet<>();
        for (JsonNode user : objects(overlay, "KafkaUser")) {
            names.add(user.path("metadata").path("name").asText());
            names.add(user.path("metadata").path("labels").path("strimzi.io/cluster").asText() + "-cluster-ca-cert");
        }
        return names;
    }

    @Test
    void imageAndEnvironmentAgreeWithReadmeComposeAndTheCode() throws IOException {
        String readme = Files.readString(Path.of("README.md")) + Files.readString(Path.of("docs", "DEPLOYMENT.md"));
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        String composeImage = compose.path("services").path("sendports").path("image").asText();
        assertTrue(readme.contains(composeImage), "the compose image " + composeImage + " is the one the docs name");
        Set<String> known = knownVariables();
        for (String overlay : OVERLAYS) {
            Container container = sendports(deployment(overlay));
            assertEquals(composeImage, container.getImage(), overlay + ": the image docs/DEPLOYMENT.md and compose name");
            Set<String> names = new TreeSet<>();
            container.getEnv().forEach(env -> names.add(env.getName()));
            names.addAll(settings(overlay).getData().keySet());
            for (String name : names) {
                assertTrue(known.contains(name) || kafkaSetting(name),
                        overlay + ": " + name + " is a Sendports, Quarkus, Kafka client or JVM setting");
            }
            assertTrue(names.contains("KAFKA_BOOTSTRAP_SERVERS"), overlay + ": no embedded broker in a replica");
            assertFalse(container.getEnv().stream().anyMatch(e -> e.getValue() != null
                    && e.getName().matches(".*(PASSWORD|KEY|JAAS).*") && !e.getName().endsWith("_FILE")),
                    overlay + ": no password or key written into the manifest");
        }
        compose.path("services").path("sendports").path("environment").fieldNames().forEachRemaining(name ->
                assertTrue(known.contains(name) || kafkaSetting(name), "compose: " + name + " is a known setting"));
        Matcher mentioned = Pattern.compile("\\bSENDPORTS_[A-Z_]+[A-Z]\\b").matcher(readme);
        while (mentioned.find()) {
            assertTrue(known.contains(mentioned.group()) || mentioned.group().equals("SENDPORTS_ADMIN_PASSWORD_FILE"),
                    "README or docs/DEPLOYMENT.md names " + mentioned.group() + ", which Sendports does not read");
        }
    }

    @Test
    void theDocsNameOnlyPathsOfDeployThatExist() throws IOException {
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs", "DEPLOYMENT.md"), Path.of("docs", "SECURITY.md"),
                Path.of("docs", "DECISIONS.md"), Path.of("docs", "CONFIGURATION.md"))) {
            Matcher path = Pattern.compile("deploy/[A-Za-z0-9_./-]*[A-Za-z0-9_-]").matcher(Files.readString(doc));
            while (path.find()) {
                assertTrue(Files.exists(Path.of(path.group())), doc + " names " + path.group() + ", which does not exist");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kafka: topics, user, autoscaling

    @Test
    void theTopicsAreThoseTopicSetupCreates() throws Exception {
        List<JsonNode> declared = objects("production", "KafkaTopic");
        assertEquals(3, declared.size(), "the control, suspended and retry topics");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        declared.forEach(t -> byName.put(t.path("spec").path("topicName").asText(), t.path("spec")));
        for (NewTopic topic : TopicSetup.ownTopics(topicDefault("control"), topicDefault("suspended"),
                topicDefault("retry"), (short) 3)) {
            JsonNode spec = byName.get(topic.name());
            assertNotNull(spec, topic.name() + " is declared");
            assertEquals(topic.numPartitions(), spec.path("partitions").asInt(), "partitions of " + topic.name());
            assertEquals(topic.replicationFactor(), spec.path("replicas").asInt(),
                    "replicas of " + topic.name() + ": what TopicSetup gives on three brokers or more");
            Map<String, String> config = new LinkedHashMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertEquals(topic.configs(), config, "config of " + topic.name());
        }
        String cluster = cluster("production");
        for (JsonNode resource : concat(declared, objects("production", "KafkaUser"))) {
            assertEquals(cluster, resource.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    id(resource) + " names the same Strimzi cluster");
        }
        ConfigMap config = settings("production");
        assertTrue(config.getData().get("KAFKA_BOOTSTRAP_SERVERS").startsWith(cluster + "-kafka-bootstrap"),
                "production connects to the Strimzi cluster's bootstrap service");
        assertEquals("SASL_SSL", config.getData().get("KAFKA_SECURITY_PROTOCOL"), "production authenticates over TLS");
        assertEquals("SCRAM-SHA-512", config.getData().get("KAFKA_SASL_MECHANISM"), "the KafkaUser's mechanism");
    }

    /**
     * What the code does with Kafka, each with the operations it needs (docs/DEPLOYMENT.md's table): the names come
     * from the code (config defaults, the consumer group methods) and the README walkthrough's port.
     */
    private static List<Need> needs() throws IOException {
        Walkthrough walkthrough = walkthrough();
        return List.of(
                new Need("topic", topicDefault("control"), Set.of("Read", "Write", "Create", "DescribeConfigs")),
                new Need("topic", topicDefault("suspended"), Set.of("Read", "Write", "Create")),
                new Need("topic", topicDefault("retry"), Set.of("Read", "Write", "Create")),
                new Need("group", walkthrough.port().consumerGroup(), Set.of("Read", "Delete")),
                new Need("group", GroupPath.consumerGroup("a-group", walkthrough.port().name()), Set.of("Read", "Delete")),
                new Need("group", RetryWorker.group(walkthrough.port().name()), Set.of("Read", "Delete")),
                // the walkthrough's port reads its topic, and the walkthrough publishes to it through the API
                new Need("topic", walkthrough.topic(), Set.of("Read", "Write")));
    }

    private record Need(String type, String name, Set<String> operations) {
    }

    @Test
    void theKafkaUserHasTheLeastAclsTheCodeNeeds() throws IOException {
        JsonNode user = objects("production", "KafkaUser").get(0).path("spec");
        assertEquals("scram-sha-512", user.path("authentication").path("type").asText());
        assertEquals("simple", user.path("authorization").path("type").asText());
        List<JsonNode> acls = new ArrayList<>();
        user.path("authorization").path("acls").forEach(acls::add);
        List<Need> needs = needs();
        for (Need need : needs) {
            Set<String> granted = new HashSet<>();
            acls.stream().filter(acl -> covers(acl, need)).forEach(acl -> granted.addAll(operations(acl)));
            assertTrue(granted.containsAll(need.operations()),
                    need.type() + " " + need.name() + " needs " + need.operations() + ", granted " + granted);
        }
        for (JsonNode acl : acls) {
            List<Need> served = needs.stream().filter(need -> covers(acl, need)).toList();
            assertFalse(served.isEmpty(), "the ACL " + acl + " matches no name the code uses");
            Set<String> needed = served.stream().flatMap(n -> n.operations().stream()).collect(Collectors.toSet());
            assertTrue(needed.containsAll(operations(acl)), "the ACL " + acl + " grants more than " + needed);
            assertEquals("allow", acl.path("type").asText("allow"), "only allow rules");
        }
    }

    private static boolean covers(JsonNode acl, Need need) {
        JsonNode resource = acl.path("resource");
        if (!resource.path("type").asText().equals(need.type())) {
            return false;
        }
        String name = resource.path("name").asText();
        return resource.path("patternType").asText("literal").equals("prefix") ? need.name().startsWith(name)
                : need.name().equals(name);
    }

    private static Set<String> operations(JsonNode acl) {
        Set<String> operations = new HashSet<>();
        acl.path("operations").forEach(op -> operations.add(op.asText()));
        assertFalse(acl.has("operation"), "kafka.strimzi.io/v1 has only operations, not operation");
        return operations;
    }

    @Test
    void kedaScalesTheDeploymentOnPortConsumerGroups() throws IOException {
        JsonNode scaled = objects("production", "ScaledObject").get(0).path("spec");
        assertEquals(deployment("production").getMetadata().getName(), scaled.path("scaleTargetRef").path("name").asText());
        String portGroupPrefix = prefixOf(walkthrough().port());
        ConfigMap config = settings("production");
        Set<String> authentications = objects("production", "TriggerAuthentication").stream()
                .map(t -> t.path("metadata").path("name").asText()).collect(Collectors.toSet());
        assertTrue(scaled.path("triggers").size() > 0, "at least one trigger");
        for (JsonNode trigger : scaled.path("triggers")) {
            assertEquals("kafka", trigger.path("type").asText(), "KEDA's Kafka scaler");
            JsonNode metadata = trigger.path("metadata");
            metadata.fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual(),
                    "KEDA's trigger metadata are strings: quote " + e.getKey()));
            assertTrue(metadata.path("consumerGroup").asText().startsWith(portGroupPrefix),
                    "a port's consumer group (" + portGroupPrefix + "<port>)");
            assertEquals(config.getData().get("KAFKA_BOOTSTRAP_SERVERS"), metadata.path("bootstrapServers").asText(),
                    "KEDA reads the cluster Sendports uses");
            assertEquals("false", metadata.path("allowIdleConsumers").asText(),
                    "no more replicas than partitions for a trigger");
            assertEquals("earliest", metadata.path("offsetResetPolicy").asText(), "as the port consumers (Endpoints)");
            assertTrue(authentications.contains(trigger.path("authenticationRef").path("name").asText()),
                    "the trigger's TriggerAuthentication exists");
        }
        if (kustomized) {
            Set<String> secrets = all("production", "Secret", Secret.class).stream().map(s -> s.getMetadata().getName())
                    .collect(Collectors.toSet());
            secrets.addAll(strimziSecrets("production"));
            for (JsonNode authentication : objects("production", "TriggerAuthentication")) {
                for (JsonNode ref : authentication.path("spec").path("secretTargetRef")) {
                    assertTrue(secrets.contains(ref.path("name").asText()), "the Secret of " + ref);
                }
            }
            Secret keda = named("production", "Secret", Secret.class, "sendports-keda-kafka");
            assertEquals(objects("production", "KafkaUser").get(0).path("metadata").path("name").asText(),
                    keda.getData() != null ? new String(java.util.Base64.getDecoder().decode(keda.getData().get("username")),
                            StandardCharsets.UTF_8) : keda.getStringData().get("username"),
                    "KEDA signs in as the KafkaUser");
        }
    }

    /** What a port's consumer group starts with: the group without the port's name. */
    private static String prefixOf(SendPort port) {
        String group = port.consumerGroup();
        assertTrue(group.endsWith(port.name()));
        return group.substring(0, group.length() - port.name().length());
    }

    @Test
    void theNetworkPolicyLetsOutOnlyDnsAndKafka() {
        NetworkPolicy policy = one("production", "NetworkPolicy", NetworkPolicy.class);
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        String cluster = cluster("production");
        boolean dns = false;
        boolean kafka = false;
        for (var rule : policy.getSpec().getEgress()) {
            Set<Integer> ports = rule.getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
            for (NetworkPolicyPeer peer : rule.getTo()) {
                Map<String, String> labels = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
                if (ports.equals(Set.of(53))) {
                    dns = true;
                } else if (cluster.equals(labels.get("strimzi.io/cluster"))) {
                    kafka = true;
                    String bootstrap = settings("production").getData().get("KAFKA_BOOTSTRAP_SERVERS");
                    assertTrue(ports.contains(Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1))),
                            "the Kafka port Sendports connects to");
                } else {
                    fail("an egress rule that is neither DNS nor Kafka: " + rule + " (destinations stay commented)");
                }
            }
        }
        assertTrue(dns && kafka, "DNS and Kafka are let out");
        assertEquals(2, policy.getSpec().getIngress().size(), "the ingress controller and the Prometheus scraper");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Alerts and dashboard

    /** The alerts and the metric each is about. */
    private static final Map<String, String> ALERTS = Map.of(
            "SendportsPortLagGrowing", "sendports_port_lag",
            "SendportsOldestWaitingNearRetention", "sendports_port_oldest_waiting_age_seconds",
            "SendportsSuspendedMessages", "sendports_suspended_messages",
            "SendportsPortStoppedOnFailure", "sendports_port_stopped_on_failure",
            "SendportsInstanceNotReady", "kube_pod_status_ready");
    /** Metrics from elsewhere that the rules may use: kube-state-metrics'. */
    private static final Set<String> OTHER_METRICS = Set.of("kube_pod_status_ready");
    private static final Pattern METRIC = Pattern.compile("\\b(?:sendports|kube)_[a-z0-9_]+");

    @Test
    void theAlertsUseTheMetricsSendportsExports() throws IOException {
        Set<String> exported = exportedSeries();
        JsonNode rule = objects("production", "PrometheusRule").get(0);
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                expressions.put(alert.path("alert").asText(), alert.path("expr").asText());
                assertFalse(alert.path("annotations").path("summary").asText().isEmpty(), "a summary");
            }
        }
        assertEquals(ALERTS.keySet(), expressions.keySet(), "the alerts");
        expressions.forEach((alert, expr) -> {
            Set<String> used = metrics(expr);
            assertTrue(used.contains(ALERTS.get(alert)), alert + " is about " + ALERTS.get(alert) + ": " + expr);
            for (String metric : used) {
                assertTrue(exported.contains(metric) || OTHER_METRICS.contains(metric),
                        alert + " uses " + metric + ", which Sendports does not export (it exports " + exported + ")");
            }
        });
    }

    @Test
    void theDashboardShowsEveryPortMetricByItsExportedName() throws IOException {
        Set<String> exported = exportedSeries();
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("monitoring").resolve("sendports-dashboard.json").toFile());
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metrics(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            used.addAll(metrics(variable.path("definition").asText()));
        }
        for (String metric : used) {
            assertTrue(exported.contains(metric), "the dashboard uses " + metric + ", which Sendports does not export");
        }
        assertEquals(exported, used, "every series Sendports exports is on the dashboard");
        if (kustomized) {
            ConfigMap board = named("production", "ConfigMap", ConfigMap.class, "sendports-dashboard");
            assertEquals("1", board.getMetadata().getLabels().get("grafana_dashboard"), "Grafana's sidecar loads it");
            assertEquals(dashboard, JSON.readTree(board.getData().values().iterator().next()), "the same dashboard");
        }
    }

    /** The series names a Prometheus scrape of Sendports shows: its meters, registered as the service does. */
    @SuppressWarnings("deprecation") // the Prometheus registry Quarkus uses (micrometer-registry-prometheus-simpleclient)
    private static Set<String> exportedSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DeliveryMetrics metrics = new DeliveryMetrics(registry);
        metrics.forPort("p").expectResponses();
        metrics.forPath("g", "p");
        Set<String> series = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                series.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertTrue(series.contains("sendports_port_lag"), "the scrape: " + series);
        return series;
    }

    private static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // docker-compose.yml

    @Test
    void dockerComposeRunsKafkaSendportsWithItsSecretAndAReceiver() throws Exception {
        Path file = Path.of("docker-compose.yml");
        JsonNode compose = YAML.readTree(file.toFile());
        JsonNode services = compose.path("services");
        for (String service : List.of("kafka", "sendports", "receiver")) {
            assertTrue(services.has(service), "compose runs " + service);
        }
        JsonNode kafka = services.path("kafka").path("environment");
        assertTrue(kafka.path("KAFKA_PROCESS_ROLES").asText().contains("controller"), "Kafka in KRaft mode");
        JsonNode sendports = services.path("sendports");
        String bootstrap = sendports.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText();
        assertTrue(kafka.path("KAFKA_ADVERTISED_LISTENERS").asText().contains("://" + bootstrap),
                "Sendports connects to a listener Kafka advertises");
        assertTrue(sendports.path("secrets").size() > 0, "Sendports gets a secret");
        String entrypoint = sendports.path("entrypoint").toString();
        for (JsonNode secret : sendports.path("secrets")) {
            assertTrue(compose.path("secrets").has(secret.asText()), "the secret " + secret + " is declared");
            assertTrue(entrypoint.contains("/run/secrets/" + secret.asText()), "Sendports reads " + secret);
        }
        assertTrue(sendports.path("healthcheck").toString().contains("/q/health/ready"), "healthy once ready");

        Optional<List<String>> cli = composeCommand();
        if (cli.isEmpty()) {
            System.out.println("DeploymentManifestsTest: neither `docker compose` nor docker-compose is installed;"
                    + " docker-compose.yml was checked without `docker compose config`.");
            return;
        }
        Path password = Files.createDirectories(Path.of("target", "compose-test")).resolve("admin-password");
        Files.writeString(password, "not-a-real-password\n");
        List<String> command = new ArrayList<>(cli.get());
        command.addAll(List.of("-f", file.toString(), "config", "-q"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SENDPORTS_ADMIN_PASSWORD_FILE", password.toAbsolutePath().toString());
        Run run = run(builder);
        assertEquals(0, run.exit(), String.join(" ", command) + ": " + run.output());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rendering and parsing

    /** A kind this project's manifests use: its apiVersion and the model that parses it (null: checked by hand). */
    private record Kind(String apiVersion, Class<?> model) {
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("ConfigMap", new Kind("v1", ConfigMap.class)),
            Map.entry("Secret", new Kind("v1", Secret.class)),
            Map.entry("Service", new Kind("v1", Service.class)),
            Map.entry("PersistentVolumeClaim", new Kind("v1", PersistentVolumeClaim.class)),
            Map.entry("Deployment", new Kind("apps/v1", Deployment.class)),
            Map.entry("PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class)),
            Map.entry("NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class)),
            Map.entry("KafkaTopic", new Kind("kafka.strimzi.io/v1", KafkaTopic.class)),
            Map.entry("KafkaUser", new Kind("kafka.strimzi.io/v1", KafkaUser.class)),
            // no Java model here: parsed strictly into the records below, the fields these manifests use
            Map.entry("ScaledObject", new Kind("keda.sh/v1alpha1", Keda.ScaledObject.class)),
            Map.entry("TriggerAuthentication", new Kind("keda.sh/v1alpha1", Keda.TriggerAuthentication.class)),
            Map.entry("PrometheusRule", new Kind("monitoring.coreos.com/v1", PrometheusOperator.PrometheusRule.class)),
            Map.entry("ServiceMonitor", new Kind("monitoring.coreos.com/v1", PrometheusOperator.ServiceMonitor.class)));

    /** Parses an object with its model and lists the fields the model kept aside as unknown (or refused). */
    private static List<String> unknownFields(JsonNode object, String where) {
        Kind kind = KINDS.get(object.path("kind").asText());
        if (kind == null) {
            return List.of(where + ": no model for kind " + object.path("kind").asText());
        }
        ObjectNode body = object.deepCopy();
        // checked against KINDS instead: a custom resource's model sets its own version and would log the difference
        body.remove("apiVersion");
        body.remove("kind");
        Object parsed;
        try {
            parsed = JSON.treeToValue(body, kind.model());
        } catch (IOException | IllegalArgumentException e) {
            return List.of(where + ": " + e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        walk(parsed, where, unknown, new IdentityHashMap<>());
        return unknown;
    }

    /** Every model object below {@code value} with {@code additionalProperties} (what it did not know) adds to {@code unknown}. */
    private static void walk(Object value, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, path + "." + key, unknown, seen));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.") && !type.startsWith("io.sendports.")) {
            return;
        }
        boolean record = value.getClass().isRecord();
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            if (record ? !isComponent(getter) : !getter.getName().startsWith("get") && !getter.getName().startsWith("is")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            walk(child, path + "." + property(getter.getName()), unknown, seen);
        }
    }

    private static boolean isComponent(Method method) {
        for (var component : method.getDeclaringClass().getRecordComponents()) {
            if (component.getAccessor().equals(method)) {
                return true;
            }
        }
        return false;
    }

    private static String property(String getter) {
        String name = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2) : getter;
        return name.isEmpty() ? getter : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static List<JsonNode> kustomize(Path kubectl, Path dir) throws Exception {
        Run run = run(new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()));
        assertEquals(0, run.exit(), "kubectl kustomize " + dir + ": " + run.output());
        return parseDocuments(run.output());
    }

    /**
     * Without kubectl: the objects of the files a kustomization lists, following directories, with its patches,
     * {@code replicas} and {@code images} applied as {@link #merge} can. Generators are left out.
     */
    private static List<JsonNode> listed(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? listed(path) : documents(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            List<JsonNode> parts = patch.has("path") ? documents(dir.resolve(patch.path("path").asText()))
                    : parseDocuments(patch.path("patch").asText());
            for (JsonNode part : parts) {
                JsonNode target = objects.stream().filter(o -> o.path("kind").equals(part.path("kind"))
                        && o.path("metadata").path("name").equals(part.path("metadata").path("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError(dir + ": a patch of " + id(part) + ", which is not there"));
                if (part.path("$patch").asText().equals("delete")) {
                    objects.remove(target);
                } else {
                    merge((ObjectNode) target, part);
                }
            }
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                    && o.path("metadata").path("name").asText().equals(replicas.path("name").asText()))
                    .forEach(o -> ((ObjectNode) o.path("spec")).put("replicas", replicas.path("count").asInt()));
        }
        for (JsonNode image : kustomization.path("images")) {
            for (JsonNode object : objects) {
                for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                    String current = container.path("image").asText();
                    String name = current.contains(":") ? current.substring(0, current.indexOf(':')) : current;
                    if (name.equals(image.path("name").asText())) {
                        ((ObjectNode) container).put("image", image.path("newName").asText(name) + ":"
                                + image.path("newTag").asText("latest"));
                    }
                }
            }
        }
        return objects;
    }

    /**
     * The part of a strategic merge patch these manifests use: objects merge field by field, lists of objects with a
     * name (containers, env, volumes) or a mount path merge by it, other lists are replaced.
     */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(field -> {
            JsonNode current = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (current instanceof ObjectNode object && value.isObject()) {
                merge(object, value);
            } else if (current != null && current.isArray() && value.isArray() && mergeKey(value) != null) {
                String key = mergeKey(value);
                for (JsonNode item : value) {
                    JsonNode same = null;
                    for (JsonNode existing : current) {
                        if (existing.path(key).equals(item.path(key))) {
                            same = existing;
                        }
                    }
                    if (same instanceof ObjectNode object) {
                        merge(object, item);
                    } else {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) current).add(item.deepCopy());
                    }
                }
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        });
    }

    private static String mergeKey(JsonNode items) {
        JsonNode first = items.path(0);
        return first.has("name") ? "name" : first.has("mountPath") ? "mountPath" : null;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        return parseDocuments(Files.readString(file));
    }

    private static List<JsonNode> parseDocuments(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isMissingNode() && document.size() > 0) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", builder.command()) + " finished");
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A program on the PATH (or in /usr/bin, /usr/local/bin). */
    private static Optional<Path> tool(String name) {
        List<String> dirs = new ArrayList<>(List.of(Objects.requireNonNullElse(System.getenv("PATH"), "")
                .split(java.io.File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** {@code docker compose} when the CLI has the plugin, else the standalone docker-compose, else none. */
    private static Optional<List<String>> composeCommand() throws Exception {
        Optional<Path> docker = tool("docker");
        if (docker.isPresent() && run(new ProcessBuilder(docker.get().toString(), "compose", "version")).exit() == 0) {
            return Optional.of(List.of(docker.get().toString(), "compose"));
        }
        return tool("docker-compose").map(path -> List.of(path.toString()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lookups

    private static List<JsonNode> objects(String overlay, String kind) {
        return RENDERED.get(overlay).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static List<String> kinds(String overlay) {
        return RENDERED.get(overlay).stream().map(o -> o.path("kind").asText()).toList();
    }

    private static <T> List<T> all(String overlay, String kind, Class<T> model) {
        return objects(overlay, kind).stream().map(o -> {
            try {
                return JSON.treeToValue(o, model);
            } catch (IOException e) {
                throw new AssertionError(id(o) + ": " + e.getMessage(), e);
            }
        }).toList();
    }

    private static <T> T one(String overlay, String kind, Class<T> model) {
        List<T> found = all(overlay, kind, model);
        assertEquals(1, found.size(), overlay + ": one " + kind);
        return found.get(0);
    }

    private static <T extends HasMetadata> T named(String overlay, String kind, Class<T> model, String name) {
        return all(overlay, kind, model).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": the " + kind + " " + name));
    }

    private static ConfigMap settings(String overlay) {
        return named(overlay, "ConfigMap", ConfigMap.class, "sendports");
    }

    private static Deployment deployment(String overlay) {
        return one(overlay, "Deployment", Deployment.class);
    }

    private static Container sendports(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("sendports")).findFirst()
                .orElseThrow(() -> new AssertionError("the container sendports"));
    }

    private static String cluster(String overlay) {
        return objects(overlay, "KafkaUser").get(0).path("metadata").path("labels").path("strimzi.io/cluster").asText();
    }

    private static String id(JsonNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static boolean subset(Map<String, String> labels, Map<String, String> of) {
        return labels != null && !labels.isEmpty() && of.entrySet().containsAll(labels.entrySet());
    }

    private static void assertMatches(LabelSelector selector, Map<String, String> podLabels, String what) {
        assertNotNull(selector, what);
        assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(),
                what + ": matchLabels only");
        assertTrue(subset(selector.getMatchLabels(), podLabels), what + " " + selector.getMatchLabels()
                + " matches the pod labels " + podLabels);
    }

    private static void assertProbe(Probe probe, String path, ContainerPort port, String what) {
        assertNotNull(probe, what + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, what + ": an HTTP probe");
        assertEquals(path, get.getPath(), what + " path");
        assertTrue(refersTo(get.getPort(), port), what + " probe on the container's http port");
    }

    private static boolean refersTo(IntOrString reference, ContainerPort port) {
        return reference != null && (Objects.equals(reference.getIntVal(), port.getContainerPort())
                || reference.getStrVal() != null && reference.getStrVal().equals(port.getName()));
    }

    private static long memoryMi(String quantity) {
        return quantity.endsWith("Gi") ? Long.parseLong(quantity.replace("Gi", "")) * 1024
                : Long.parseLong(quantity.replace("Mi", ""));
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** The default name of one of Sendports' topics ({@code sendports.topics.<which>}), from SendportsConfig. */
    private static String topicDefault(String which) {
        try {
            return SendportsConfig.Topics.class.getMethod(which).getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The README walkthrough's port and its topic: the example the KafkaUser and the ScaledObject use. */
    private record Walkthrough(SendPort port, String topic) {
    }

    private static Walkthrough walkthrough() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String walkthrough = readme.substring(readme.indexOf("## Walkthrough"));
        Matcher create = Pattern.compile("\"name\":\"([^\"]+)\".*?\"topics\":\\[\"([^\"]+)\"\\]").matcher(walkthrough);
        assertTrue(create.find(), "the README walkthrough creates a port");
        SendPort port = new SendPort(create.group(1), "", PortKind.STATIC, MessagePattern.ONE_WAY,
                new Subscription(List.of(create.group(2)), null), null);
        return new Walkthrough(port, create.group(2));
    }

    /**
     * The environment variables Sendports reads: its settings (SendportsConfig, as SENDPORTS_*), those
     * application.properties reads by name, the Quarkus ones the docs tell to set, and the JVM's.
     */
    private static Set<String> knownVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        settings(SendportsConfig.class, "sendports", names);
        Matcher expression = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)")
                .matcher(Files.readString(Path.of("src", "main", "resources", "application.properties")));
        while (expression.find()) {
            names.add(expression.group(1));
        }
        names.add("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"); // docs/SECURITY.md: the session key
        names.add("JAVA_TOOL_OPTIONS");
        return names;
    }

    private static void settings(Class<?> mapping, String prefix, Set<String> names) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            String path = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith("io.sendports.")) {
                settings(method.getReturnType(), path, names);
            } else {
                names.add(path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
        }
    }

    /** A KAFKA_* variable that KafkaClients passes to the Kafka clients (KAFKA_SASL_MECHANISM: sasl.mechanism). */
    private static boolean kafkaSetting(String name) {
        if (!name.startsWith("KAFKA_")) {
            return false;
        }
        String key = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return ConsumerConfig.configNames().contains(key) || ProducerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key);
    }
}
