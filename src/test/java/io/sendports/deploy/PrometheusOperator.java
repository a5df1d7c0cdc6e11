package io.sendports.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * The Prometheus Operator's PrometheusRule and ServiceMonitor (monitoring.coreos.com/v1), as far as deploy/ uses them:
 * there is no Java model of them here, so DeploymentManifestsTest parses them into these records and refuses any
 * other field. A field the manifests start to use is added here, after checking the operator's API reference.
 */
final class PrometheusOperator {
    private PrometheusOperator() {
    }

    record PrometheusRule(ObjectMeta metadata, PrometheusRuleSpec spec) {
    }

    record PrometheusRuleSpec(List<RuleGroup> groups) {
    }

    record RuleGroup(String name, String interval, List<Rule> rules) {
    }

    record Rule(String alert, String record, String expr, @JsonProperty("for") String pendingFor,
            Map<String, String> labels, Map<String, String> annotations) {
    }

    record ServiceMonitor(ObjectMeta metadata, ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints) {
    }

    record Endpoint(String port, String path, String interval, String scheme, BasicAuth basicAuth) {
    }

    record BasicAuth(SecretKeySelector username, SecretKeySelector password) {
    }
}
