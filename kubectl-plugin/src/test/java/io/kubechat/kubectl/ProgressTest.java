package io.kubechat.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Translation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a command's stages are printed, from statuses as the operator writes them. */
class ProgressTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Progress progress = new Progress(new PrintWriter(out), new PrintWriter(err), new Identity("alice", null));
    private static final Translation TRANSLATION = new Translation(null, "kubectl delete deployment web -n shop",
            "Deletes deployment web in namespace shop.", "embedded", 1.0, null);
    private static final Risk RISK = new Risk(RiskLevel.DESTRUCTIVE, List.of("delete removes objects"));

    @Test
    void aHeldCommandPrintsThePreviewOnceAndWhoMayApprove() {
        CommandExecution held = ce(ExecutionPhase.AwaitingApproval, null,
                condition("Approved", ConditionStatus.Unknown, "AwaitingApproval", "destructive commands wait for approval; expires at 2026-01-01T10:00:00Z"),
                condition("Succeeded", ConditionStatus.Unknown, "AwaitingApproval", "destructive commands wait for approval"));

        assertThat(progress.show(held, true)).isNull();
        assertThat(progress.show(held, true)).isNull();

        assertThat(out.toString()).isEqualTo("""
                  kubectl equivalent: kubectl delete deployment web -n shop
                  what it does:       Deletes deployment web in namespace shop.
                  risk:               destructive (delete removes objects)
                Awaiting approval: destructive commands wait for approval; expires at 2026-01-01T10:00:00Z
                Who may approve: a user other than alice (unless policy allows self-approval) holding the verb "approve" on \
                commandexecutions in namespace shop, and in the approver groups if an ExecutionPolicy names some. They run:
                  kubectl kubechat approve web-delete -n shop   (or: kubectl kubechat reject web-delete -n shop)
                """);
    }

    @Test
    void withoutWaitingAHeldCommandEndsWithCodeThree() {
        CommandExecution held = ce(ExecutionPhase.AwaitingApproval, null,
                condition("Succeeded", ConditionStatus.Unknown, "AwaitingApproval", "destructive commands wait for approval"));

        assertThat(progress.show(held, false)).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(out.toString()).contains("Not waiting (use --wait-approval to wait)");
    }

    @Test
    void aSucceededReadPrintsItsTableAndSaysWhenItWasShortened() {
        CommandResult table = new CommandResult("2 pods", List.of("NAME", "STATUS"), List.of(List.of("web-1", "Running"),
                List.of("web-2", "Running")), null, true, 7);
        CommandExecution done = ce(ExecutionPhase.Succeeded, table, condition("Succeeded", ConditionStatus.True, "Completed", "2 pods"));

        assertThat(progress.show(done, false)).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).endsWith("""
                NAME    STATUS
                web-1   Running
                web-2   Running
                (shortened from 7 items; the full result is in the audit ledger)
                Succeeded: 2 pods
                """);
    }

    @Test
    void aDenialEndsNonZeroWithTheReasonAndAWaitIsShownOnce() {
        CommandExecution waiting = ce(ExecutionPhase.Translated, null,
                condition("Succeeded", ConditionStatus.Unknown, "AuditUnavailable", "waiting for the audit ledger: connection refused"));
        CommandExecution denied = ce(ExecutionPhase.Denied, null,
                condition("Succeeded", ConditionStatus.False, "Denied", "alice may not delete deployments in namespace shop"));

        progress.show(waiting, false);
        progress.show(waiting, false);
        assertThat(progress.show(denied, false)).isEqualTo(ExitCodes.NOT_SUCCEEDED);

        assertThat(out.toString()).containsOnlyOnce("Waiting: waiting for the audit ledger: connection refused");
        assertThat(err.toString()).isEqualTo("Denied (Denied): alice may not delete deployments in namespace shop\n");
    }

    private static CommandExecution ce(ExecutionPhase phase, CommandResult result, Condition... conditions) {
        CommandExecution ce = new CommandExecution();
        ce.getMetadata().setName("web-delete");
        ce.getMetadata().setNamespace("shop");
        ce.setStatus(new CommandExecutionStatus(phase, 1L, List.of(conditions), TRANSLATION, RISK, null, null, result, null, null, null));
        return ce;
    }

    private static Condition condition(String type, ConditionStatus status, String reason, String message) {
        return new Condition(type, status, 1L, "2026-01-01T09:00:00Z", reason, message);
    }
}
