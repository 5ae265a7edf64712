package io.kubechat.crds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ApprovalDecision;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.PolicyAction;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Verb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records read the YAML people write, and write back only what is set. */
class ModelSerializationTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void structuredCommandReadsIntoTypedFields() throws IOException {
        CommandExecution ce = read("commandexecution-command.yaml", CommandExecution.class);
        var command = ce.getSpec().command();
        assertThat(command.verb()).isEqualTo(Verb.SCALE);
        assertThat(command.resource().kind()).isEqualTo("Deployment");
        assertThat(command.resource().apiVersion()).isEqualTo("apps/v1");
        assertThat(command.name()).isEqualTo("checkout");
        assertThat(command.namespace()).isEqualTo("shop");
        assertThat(command.arguments().replicas()).isEqualTo(5);
        assertThat(ce.getSpec().sessionRef().name()).isEqualTo("incident-42");
    }

    @Test
    void manifestKeepsArbitraryContent() throws IOException {
        CommandExecution ce = read("commandexecution-apply.yaml", CommandExecution.class);
        assertThat(ce.getSpec().command().manifest()).isInstanceOf(Map.class);
        assertThat(Serialization.asJson(ce.getSpec().command().manifest())).contains("\"currency\":\"EUR\"", "\"kind\":\"ConfigMap\"");
    }

    @Test
    void enumsUseTheirWireNames() throws IOException {
        assertThat(Serialization.asJson(Verb.ROLLOUT_RESTART)).isEqualTo("\"rollout-restart\"");
        assertThat(Serialization.asJson(RiskLevel.DESTRUCTIVE)).isEqualTo("\"destructive\"");
        assertThat(Serialization.asJson(ApprovalDecision.APPROVED)).isEqualTo("\"approved\"");
        ExecutionPolicy policy = read("executionpolicy.yaml", ExecutionPolicy.class);
        assertThat(policy.getSpec().rules()).extracting(r -> r.action()).containsExactly(PolicyAction.RequireApproval, PolicyAction.Deny);
        assertThat(policy.getSpec().rules().get(0).minimumRisk()).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void unsetFieldsAreLeftOut() throws IOException {
        ChatSession session = read("chatsession.yaml", ChatSession.class);
        String json = Serialization.asJson(session.getSpec());
        assertThat(json).doesNotContain("null").doesNotContain("cluster").contains("\"retention\":\"720h\"");
    }

    private static <T> T read(String example, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(EXAMPLES.resolve(example)), type);
    }
}
