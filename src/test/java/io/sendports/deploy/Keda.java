package io.sendports.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * KEDA's ScaledObject and TriggerAuthentication (keda.sh/v1alpha1), as far as deploy/ uses them: there is no Java
 * model of KEDA here, so DeploymentManifestsTest parses them into these records and refuses any other field. A field
 * the manifests start to use is added here, after checking KEDA's documentation for its name.
 */
final class Keda {
    private Keda() {
    }

    record ScaledObject(ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
            Integer pollingInterval, Integer cooldownPeriod, Advanced advanced, List<Trigger> triggers) {
    }

    record ScaleTargetRef(String name, String kind, String apiVersion) {
    }

    record Advanced(HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig) {
    }

    record HorizontalPodAutoscalerConfig(Behavior behavior) {
    }

    /** The HorizontalPodAutoscaler's behavior (autoscaling/v2), which KEDA passes on. */
    record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {
    }

    record ScalingRules(Integer stabilizationWindowSeconds, String selectPolicy, List<ScalingPolicy> policies) {
    }

    record ScalingPolicy(String type, Integer value, Integer periodSeconds) {
    }

    record Trigger(String type, String name, Map<String, String> metadata, AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(String name, String kind) {
    }

    record TriggerAuthentication(ObjectMeta metadata, TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(String parameter, String name, String key) {
    }
}
