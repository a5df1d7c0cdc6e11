package io.sendports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.sendports.testsupport.BrokerProcess;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.ServiceProcess;

/**
 * The least ACLs of {@code deploy/strimzi/kafka-user.yaml} are enough (issue 16): a broker that authenticates every
 * client (SCRAM-SHA-512) and enforces ACLs, a user with exactly the file's ACLs plus, for this test's own topics, what
 * docs/DEPLOYMENT.md's table says a port's topics need, and the suite's main flows with that user: start (the
 * service's own topics created), a kafka→kafka port fed through {@code POST /api/topics}, a solicit-response port
 * whose response topic the service creates, retries, suspension, resume and terminate, a send port group, stop and
 * unenlist (which deletes the group). None of it logs an authorization failure. Then what the ACLs do not allow shows
 * clearly: a port on a topic it may not read has Kafka's error as its {@code lastError}, and publishing to a topic it
 * may not write is a {@code 403} naming the topic.
 */
class KafkaAclsIT {
    private static final String USER = "sendports";
    private static final String PASSWORD = "sendports-scram-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Whether the failing port's destination answers 200 (from the resume on) or 503. */
    private static final java.util.concurrent.atomic.AtomicBoolean FAILING_IS_UP = new java.util.concurrent.atomic.AtomicBoolean();

    @TempDir
    Path work;

    @Test
    void theKafkaUsersAclsAreEnoughForTheMainFlowsAndWhatTheyDenyIsSaidClearly() throws Exception {
        try (BrokerProcess broker = BrokerProcess.secured(work.resolve("broker"));
                Admin admin = broker.adminClient();
                HttpReceiver receiver = new HttpReceiver()) {
            broker.addScramUser(USER, PASSWORD);
            List<AclBinding> acls = new ArrayList<>(kafkaUserAcls());
            // this test's topics, by the table "for your ports' own topics" of docs/DEPLOYMENT.md
            acls.addAll(topicAcls("acl-in", AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE_CONFIGS));
            acls.addAll(topicAcls("acl-out", AclOperation.WRITE, AclOperation.DESCRIBE_CONFIGS));
            acls.addAll(topicAcls("acl-requests", AclOperation.READ, AclOperation.WRITE));
            acls.addAll(topicAcls("acl-answers", AclOperation.WRITE, AclOperation.CREATE));
            acls.addAll(topicAcls("acl-failing", AclOperation.READ, AclOperation.WRITE));
            acls.addAll(topicAcls("acl-group-in", AclOperation.READ, AclOperation.WRITE));
            acls.addAll(topicAcls("acl-member-in", AclOperation.READ));
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            // The cluster's topics, as KafkaTopic resources make them; not-granted has no ACL for Sendports' user.
            admin.createTopics(List.of("acl-in", "acl-out", "acl-requests", "acl-failing", "acl-group-in", "acl-member-in",
                    "not-granted").stream().map(name -> new NewTopic(name, 2, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            receiver.reply(request -> request.path().equals("/failing") && !FAILING_IS_UP.get()
                    ? new HttpReceiver.Reply(503, "down", "text/plain")
                    : new HttpReceiver.Reply(200, "answer to " + request.body(), "text/plain"));

            Map<String, Object> scram = broker.scramClient(USER, PASSWORD);
            ServiceProcess service = new ServiceProcess(broker.bootstrapServers(), Files.createDirectories(work.resolve("service")))
                    .withEnvironment("KAFKA_SECURITY_PROTOCOL", (String) scram.get("security.protocol"))
                    .withEnvironment("KAFKA_SASL_MECHANISM", (String) scram.get("sasl.mechanism"))
                    .withEnvironment("KAFKA_SASL_JAAS_CONFIG", (String) scram.get("sasl.jaas.config"));
            try (service) {
                service.start();
                mainFlows(service, broker, receiver);
                List<String> denied = Files.readAllLines(service.log()).stream()
                        .filter(line -> line.toLowerCase(Locale.ROOT).contains("authoriz")).toList();
                assertEquals(List.of(), denied, "authorization failures in the service's log " + service.log());

                service.expect(201, "POST", "/api/send-ports", port("ungranted", "not-granted",
                        "{\"type\":\"kafka\",\"address\":\"kafka:acl-out\"}", ""));
                await().atMost(WAIT).until(() -> lastError(service, "ungranted").contains("not-granted"));
                String error = lastError(service, "ungranted");
                assertTrue(error.contains("cannot describe topic not-granted")
                        && error.contains("TopicAuthorizationException"), error);

                var refused = service.call("POST", "/api/topics/not-granted/messages", "{\"value\":\"no\"}");
                assertEquals(403, refused.statusCode(), refused.body());
                JsonNode problem = JSON.readTree(refused.body());
                assertEquals("Not authorized by Kafka", problem.path("title").asText(), refused.body());
                assertTrue(problem.path("detail").asText().contains("not-granted"), refused.body());
            }
        }
    }

    private static void mainFlows(ServiceProcess service, BrokerProcess broker, HttpReceiver receiver) throws Exception {
        // kafka→kafka, fed through the API
        service.expect(201, "POST", "/api/send-ports", port("relay", "acl-in",
                "{\"type\":\"kafka\",\"address\":\"kafka:acl-out\"}", ""));
        awaitRunning(service, "relay");
        service.expect(201, "POST", "/api/topics/acl-in/messages", "{\"key\":\"k1\",\"value\":\"relayed\"}");
        awaitValue(broker, "acl-out", "relayed");

        // solicit-response: the service creates the response topic
        service.expect(201, "POST", "/api/send-ports", """
                {"name":"asker","kind":"static","pattern":"solicit-response","subscription":{"topics":["acl-requests"]},
                 "transport":{"type":"http","address":"%s"},"responseTopic":"acl-answers","state":"started"}
                """.formatted(receiver.url("/ask")));
        awaitRunning(service, "asker");
        service.expect(201, "POST", "/api/topics/acl-requests/messages", "{\"value\":\"question\"}");
        awaitValue(broker, "acl-answers", "answer to question");

        // a retry through the retry topic, then suspension; resume one, terminate the other
        service.expect(201, "POST", "/api/send-ports", port("failing", "acl-failing",
                "{\"type\":\"http\",\"address\":\"" + receiver.url("/failing") + "\"}",
                ",\"retry\":{\"count\":1,\"interval\":\"PT1S\"}"));
        awaitRunning(service, "failing");
        service.expect(201, "POST", "/api/topics/acl-failing/messages", "{\"value\":\"resumable\"}");
        service.expect(201, "POST", "/api/topics/acl-failing/messages", "{\"value\":\"doomed\"}");
        await().atMost(WAIT).until(() -> JSON.readTree(service.expect(200, "GET",
                "/api/suspended-messages?port=failing", null)).size() == 2);
        FAILING_IS_UP.set(true);
        for (JsonNode suspended : JSON.readTree(service.expect(200, "GET", "/api/suspended-messages?port=failing", null))) {
            String id = suspended.path("id").asText();
            String body = JSON.readTree(service.expect(200, "GET", "/api/suspended-messages/" + id, null)).path("body").asText();
            if (body.equals("resumable")) {
                assertTrue(JSON.readTree(service.expect(200, "POST", "/api/suspended-messages/" + id + "/resume", "{}"))
                        .path("delivered").asBoolean(), "resumed and delivered");
            } else {
                service.expect(204, "DELETE", "/api/suspended-messages/" + id, null);
            }
        }
        await().atMost(WAIT).until(() -> JSON.readTree(service.expect(200, "GET",
                "/api/suspended-messages?port=failing", null)).isEmpty());
        assertTrue(receiver.bodies().contains("resumable"), "the resumed message was delivered");

        // a send port group: its own consumer group per member
        service.expect(201, "POST", "/api/send-ports", port("member", "acl-member-in",
                "{\"type\":\"http\",\"address\":\"" + receiver.url("/member") + "\"}", ""));
        service.expect(201, "POST", "/api/send-port-groups", """
                {"name":"fanout","sendPorts":["member"],"subscription":{"topics":["acl-group-in"]},"state":"started"}
                """);
        await().atMost(WAIT).until(() -> service.expect(200, "GET", "/api/send-port-groups/fanout", null)
                .contains("\"state\":\"started\""));
        // a group path's consumer starts at the end once it runs: publish until one arrives
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            service.expect(201, "POST", "/api/topics/acl-group-in/messages", "{\"value\":\"through the group\"}");
            return receiver.requests().stream().anyMatch(r -> r.path().equals("/member")
                    && r.body().equals("through the group"));
        });

        // stop and unenlist (which deletes the port's consumer group)
        service.expect(200, "POST", "/api/send-ports/relay/stop", null);
        service.expect(200, "POST", "/api/send-ports/relay/unenlist", null);
        for (String name : List.of("asker", "failing", "member")) {
            assertEquals("", lastError(service, name), name + "'s lastError");
        }
    }

    /** The ACLs of deploy/strimzi/kafka-user.yaml, for {@link #USER}, as the Strimzi User Operator makes them. */
    private static List<AclBinding> kafkaUserAcls() throws Exception {
        JsonNode user = new YAMLMapper().readTree(Path.of("deploy", "strimzi", "kafka-user.yaml").toFile());
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourceType type = ResourceType.fromString(constant(resource.path("type").asText()));
            String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
            // Strimzi's patternType literal or prefix is Kafka's LITERAL or PREFIXED
            PatternType pattern = switch (resource.path("patternType").asText("literal")) {
                case "literal" -> PatternType.LITERAL;
                case "prefix" -> PatternType.PREFIXED;
                default -> PatternType.UNKNOWN;
            };
            for (JsonNode operation : acl.path("operations")) {
                AclOperation op = AclOperation.fromString(constant(operation.asText()));
                assertTrue(type != ResourceType.UNKNOWN && pattern != PatternType.UNKNOWN && op != AclOperation.UNKNOWN,
                        "an ACL Kafka knows: " + acl);
                bindings.add(allow(new ResourcePattern(type, name, pattern), op));
            }
        }
        assertTrue(bindings.size() > 10, "the file's ACLs: " + bindings);
        return bindings;
    }

    /** Strimzi's {@code DescribeConfigs}, {@code transactionalId} as Kafka's constant name. */
    private static String constant(String camelCase) {
        return camelCase.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static List<AclBinding> topicAcls(String topic, AclOperation... operations) {
        ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        return java.util.Arrays.stream(operations).map(op -> allow(pattern, op)).toList();
    }

    private static AclBinding allow(ResourcePattern pattern, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + USER, "*", operation, AclPermissionType.ALLOW));
    }

    private static String port(String name, String topic, String transport, String more) {
        return "{\"name\":\"" + name + "\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                + topic + "\"]},\"transport\":" + transport + more + ",\"state\":\"started\"}";
    }

    private static void awaitRunning(ServiceProcess service, String port) {
        await().atMost(WAIT).until(() -> JSON.readTree(service.expect(200, "GET", "/api/send-ports/" + port, null))
                .path("status").path("running").asBoolean());
    }

    private static String lastError(ServiceProcess service, String port) throws Exception {
        JsonNode error = JSON.readTree(service.expect(200, "GET", "/api/send-ports/" + port, null))
                .path("status").path("lastError");
        return error.isNull() || error.isMissingNode() ? "" : error.asText();
    }

    /** Until the topic (read from its start, as the super user) holds a record with this value. */
    private static void awaitValue(BrokerProcess broker, String topic, String value) {
        Map<String, Object> config = new java.util.HashMap<>(broker.superUserClient());
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<String> seen = new ArrayList<>();
            await(value + " in " + topic).atMost(WAIT).until(() -> {
                if (reader.assignment().isEmpty()) {
                    var partitions = reader.partitionsFor(topic);
                    if (partitions == null || partitions.isEmpty()) {
                        return false; // not created yet
                    }
                    reader.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
                    reader.seekToBeginning(reader.assignment());
                }
                reader.poll(Duration.ofMillis(200)).forEach(r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)));
                return seen.contains(value);
            });
        }
    }
}
