package io.kubechat.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard shows what issue 7 asks for, and the chart ships it and the alert rules intact. */
class DashboardAndAlertsTest {

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Tools.chartDir().resolve("files/dashboards/kubechat.json").toFile());
    }

    @Test
    void dashboardHasAPanelForEveryQuestion() throws IOException {
        Map<String, String> metricByTopic = Map.of(
                "executions by verb, risk and outcome", "kubechat_executions_total",
                "reconcile durations", "operator_sdk_controllers_execution_reconcile_seconds_bucket",
                "translation latency", "kubechat_translation_duration_seconds_bucket",
                "approval wait", "kubechat_approval_wait_seconds_bucket",
                "audit append latency", "kubechat_audit_append_duration_seconds_bucket",
                "LLM calls", "kubechat_llm_calls_total");
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        }
        metricByTopic.forEach((topic, metric) -> assertThat(expressions).as(topic).anySatisfy(e -> assertThat(e).contains(metric)));
        assertThat(expressions).allSatisfy(e -> assertThat(e).contains("namespace=\"$namespace\""));
        assertThat(expressions.stream().filter(e -> e.contains("kubechat_executions_total")).findFirst().orElseThrow())
                .contains("verb", "risk", "outcome");
    }

    @Test
    void chartShipsTheDashboardUnchanged() throws IOException {
        Rendered rendered = Rendered.template(List.of());
        String shipped = rendered.get("ConfigMap", "kc-kubechat-dashboard").path("data").path("kubechat.json").asText();
        assertThat(new ObjectMapper().readTree(shipped)).isEqualTo(dashboard());
        assertThat(rendered.get("ConfigMap", "kc-kubechat-dashboard").path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
    }

    @Test
    void everyAlertHasASeverityAndSaysWhatToDo() throws IOException {
        String alerts = Files.readString(Tools.chartDir().resolve("files/alerts/kubechat-alerts.yaml"));
        Rendered rendered = Rendered.template(List.of("--api-versions", "monitoring.coreos.com/v1"));
        JsonNode groups = rendered.get("PrometheusRule", "kc-kubechat").path("spec").path("groups");
        int count = 0;
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                count++;
                assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText()).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).isNotBlank();
            }
        }
        assertThat(count).isEqualTo(4).isEqualTo(alerts.split("- alert:", -1).length - 1);
    }
}
