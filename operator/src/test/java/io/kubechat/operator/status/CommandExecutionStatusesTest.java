package io.kubechat.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Translation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandExecutionStatusesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Translation SCALE = new Translation(
            Serialization.unmarshal("{\"verb\":\"scale\",\"resource\":{\"kind\":\"Deployment\"},\"name\":\"web\",\"arguments\":{\"replicas\":3}}", Command.class),
            "kubectl scale deployment web --replicas=3 -n shop", "Scales web to 3.", "embedded", 0.97, null);
    private static final Risk CAUTION = new Risk(RiskLevel.CAUTION, List.of("scale changes the cluster"));
    private static final Authorization ALLOWED = new Authorization(true, null, List.of());

    @Test
    void aCommandThatRunsEndsSucceededWithEveryConditionTrue() {
        CommandExecutionStatuses at0 = new CommandExecutionStatuses(1, T0);
        CommandExecutionStatus s = at0.translated(null, SCALE, CAUTION);
        s = at0.authorized(s, ALLOWED);
        s = at0.running(s);
        s = new CommandExecutionStatuses(1, T0.plusSeconds(2)).succeeded(s, new CommandResult("deployment.apps/web scaled to 3", null, null, null, false, null));

        assertThat(s.phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(s.observedGeneration()).isEqualTo(1L);
        assertThat(s.conditions()).extracting(Condition::type, Condition::status, Condition::reason).containsExactly(
                tuple("Translated", ConditionStatus.True, "Translated"),
                tuple("Succeeded", ConditionStatus.True, "Completed"),
                tuple("Authorized", ConditionStatus.True, "Allowed"));
        assertThat(Conditions.find(s.conditions(), "Succeeded").orElseThrow().lastTransitionTime()).isEqualTo("2026-11-26T10:00:02Z");
        assertThat(s.startTime()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(s.completionTime()).isEqualTo("2026-11-26T10:00:02Z");
        assertThat(s.risk()).isEqualTo(CAUTION);
        assertThat(s.translation().kubectl()).startsWith("kubectl scale");
    }

    @Test
    void aDeniedCommandSaysWhyInItsConditions() {
        CommandExecutionStatuses at0 = new CommandExecutionStatuses(1, T0);
        Authorization no = new Authorization(false, "alice may not patch deployments/scale.apps web in namespace shop", List.of());
        CommandExecutionStatus s = at0.denied(at0.translated(null, SCALE, CAUTION), no);
        assertThat(s.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(s.phase().isTerminal()).isTrue();
        assertThat(Conditions.find(s.conditions(), "Authorized").orElseThrow())
                .satisfies(c -> {
                    assertThat(c.reason()).isEqualTo("Forbidden");
                    assertThat(c.message()).contains("alice may not patch");
                });
        assertThat(Conditions.find(s.conditions(), "Succeeded").orElseThrow().status()).isEqualTo(ConditionStatus.False);
    }

    @Test
    void aHeldCommandCarriesItsExpiryAndExpires() {
        CommandExecutionStatuses at0 = new CommandExecutionStatuses(1, T0);
        CommandExecutionStatus held = at0.awaitingApproval(at0.translated(null, SCALE, CAUTION), ALLOWED, T0.plusSeconds(3600),
                "destructive commands wait for approval");
        assertThat(held.phase()).isEqualTo(ExecutionPhase.AwaitingApproval);
        assertThat(held.approvalExpiryTime()).isEqualTo("2026-11-26T11:00:00Z");
        assertThat(Conditions.find(held.conditions(), "Approved").orElseThrow().status()).isEqualTo(ConditionStatus.Unknown);

        CommandExecutionStatus expired = new CommandExecutionStatuses(1, T0.plusSeconds(3601)).expired(held);
        assertThat(expired.phase()).isEqualTo(ExecutionPhase.Expired);
        assertThat(Conditions.find(expired.conditions(), "Succeeded").orElseThrow().message())
                .isEqualTo("nobody approved the command before 2026-11-26T11:00:00Z");
    }

    @Test
    void anApprovalThatCannotCountRejectsTheCommand() {
        CommandExecutionStatuses at0 = new CommandExecutionStatuses(2, T0);
        CommandExecutionStatus s = at0.rejected(at0.translated(null, SCALE, CAUTION), "SelfApproval", "alice may not approve her own command");
        assertThat(s.phase()).isEqualTo(ExecutionPhase.Rejected);
        assertThat(s.observedGeneration()).isEqualTo(2L);
        assertThat(Conditions.find(s.conditions(), "Approved").orElseThrow().reason()).isEqualTo("SelfApproval");
    }

    @Test
    void rebuildingTheSameStepChangesNothing() {
        CommandExecutionStatuses at0 = new CommandExecutionStatuses(1, T0);
        CommandExecutionStatus once = at0.translated(null, SCALE, CAUTION);
        assertThat(new CommandExecutionStatuses(1, T0.plusSeconds(30)).translated(once, SCALE, CAUTION)).isEqualTo(once);
    }

    @Test
    void aQuestionInsteadOfACommandEndsNotUnderstoodAndKeepsTheQuestionAndItsChoices() {
        Clarification asked = new Clarification("Which deployment do you mean? No deployment is called frontend.",
                List.of(new Clarification.Choice(SCALE.kubectl(), SCALE.command())));
        Translation question = new Translation(null, null, null, "embedded", 0.0, List.of(), asked);
        CommandExecutionStatus s = new CommandExecutionStatuses(1, T0).notUnderstood(null, question, asked.question());

        assertThat(s.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(s.conditions()).extracting(Condition::type, Condition::status, Condition::reason, Condition::message).containsExactly(
                tuple("Translated", ConditionStatus.False, "NeedsClarification", asked.question()),
                tuple("Succeeded", ConditionStatus.False, "NeedsClarification", asked.question()));
        assertThat(s.translation().clarification()).isEqualTo(asked);
        assertThat(s.translation().command()).isNull();
        // The status is written as JSON: the question and its choices survive the round trip.
        assertThat(Serialization.unmarshal(Serialization.asJson(s), CommandExecutionStatus.class).translation().clarification())
                .isEqualTo(asked);
    }

    @Test
    void aRequestNotUnderstoodWithoutAQuestionKeepsItsReason() {
        Translation none = new Translation(null, null, null, "embedded", 0.0, List.of("scale web to 3"));
        CommandExecutionStatus s = new CommandExecutionStatuses(1, T0).notUnderstood(null, none, "not understood");
        assertThat(s.conditions()).extracting(Condition::reason).containsOnly("NotUnderstood");
    }
}
