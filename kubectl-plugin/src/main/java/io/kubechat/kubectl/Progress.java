package io.kubechat.kubectl;

import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.Translation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Prints each stage of one CommandExecution once, in order, whatever the sequence of updates
 * (an update may skip stages: the preview is printed from whichever status first carries it).
 */
final class Progress {

    /** Reasons of the Succeeded condition that are the normal course of things, not worth a line. */
    private static final Set<String> ROUTINE = Set.of("InProgress", "AwaitingApproval", "Running");

    private final PrintWriter out;
    private final PrintWriter err;
    private final Identity requester;
    private boolean previewShown;
    private boolean approvalShown;
    private boolean approvedShown;
    private String lastWaitingReason;
    private ExecutionPhase phase = ExecutionPhase.Pending;

    Progress(PrintWriter out, PrintWriter err, Identity requester) {
        this.out = out;
        this.err = err;
        this.requester = requester;
    }

    ExecutionPhase phase() {
        return phase;
    }

    /** Prints what is new in {@code ce}; returns the exit code once there is nothing more to wait for. */
    Integer show(CommandExecution ce, boolean waitForApproval) {
        try {
            return doShow(ce, waitForApproval);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Integer doShow(CommandExecution ce, boolean waitForApproval) {
        CommandExecutionStatus status = ce.getStatus();
        if (status == null || status.phase() == null) {
            return null;
        }
        phase = status.phase();
        if (!previewShown && status.translation() != null && status.translation().kubectl() != null) {
            preview(status.translation(), status.risk());
            previewShown = true;
        }
        Optional<Condition> summary = condition(status, "Succeeded");
        if (summary.isPresent() && summary.get().status() == ConditionStatus.Unknown && !ROUTINE.contains(summary.get().reason())
                && !summary.get().reason().equals(lastWaitingReason)) {
            lastWaitingReason = summary.get().reason();
            out.println("Waiting: " + summary.get().message());
        }
        if (phase == ExecutionPhase.AwaitingApproval && !approvalShown) {
            approvalShown = true;
            String name = ce.getMetadata().getName();
            String namespace = ce.getMetadata().getNamespace();
            out.println("Awaiting approval: " + condition(status, "Approved").map(Condition::message).orElse("the command needs approval"));
            out.println("Who may approve: a user other than " + requester.user()
                    + " (unless policy allows self-approval) holding the verb \"approve\" on commandexecutions in namespace " + namespace
                    + ", and in the approver groups if an ExecutionPolicy names some. They run:");
            out.println("  kubectl kubechat approve " + name + " -n " + namespace + "   (or: kubectl kubechat reject " + name + " -n "
                    + namespace + ")");
            if (!waitForApproval) {
                out.println("Not waiting (use --wait-approval to wait); follow it with: kubectl get ce " + name + " -n " + namespace + " -w");
                return ExitCodes.AWAITING_APPROVAL;
            }
        }
        if (!approvedShown && condition(status, "Approved").filter(c -> c.status() == ConditionStatus.True).isPresent()) {
            approvedShown = true;
            out.println("Approved: " + condition(status, "Approved").get().message());
        }
        if (!phase.isTerminal()) {
            return null;
        }
        String message = summary.map(Condition::message).orElse(null);
        if (phase == ExecutionPhase.Succeeded) {
            result(status.result());
            out.println("Succeeded" + (message == null ? "" : ": " + message));
            return ExitCodes.OK;
        }
        String reason = summary.map(Condition::reason).orElse(phase.name());
        err.println(phase + " (" + reason + ")" + (message == null ? "" : ": " + message));
        if (status.translation() != null && status.translation().suggestions() != null && !status.translation().suggestions().isEmpty()) {
            err.println("Requests like these are understood:");
            status.translation().suggestions().forEach(s -> err.println("  " + s));
        }
        return ExitCodes.NOT_SUCCEEDED;
    }

    private void preview(Translation translation, Risk risk) {
        out.println("  kubectl equivalent: " + translation.kubectl());
        if (translation.explanation() != null) {
            out.println("  what it does:       " + translation.explanation());
        }
        if (risk != null) {
            out.println("  risk:               " + risk.level().name().toLowerCase(Locale.ROOT)
                    + (risk.reasons() == null || risk.reasons().isEmpty() ? "" : " (" + String.join("; ", risk.reasons()) + ")"));
        }
    }

    private void result(CommandResult result) {
        if (result == null) {
            return;
        }
        if (result.columns() != null && !result.columns().isEmpty()) {
            Table table = new Table(result.columns());
            List<List<String>> rows = result.rows() == null ? List.of() : result.rows();
            rows.forEach(table::row);
            table.print(out);
        }
        if (result.text() != null && !result.text().isEmpty()) {
            out.println(result.text().stripTrailing());
        }
        if (Boolean.TRUE.equals(result.truncated())) {
            out.println("(shortened" + (result.totalItems() == null ? "" : " from " + result.totalItems() + " items")
                    + "; the full result is in the audit ledger)");
        }
    }

    private static Optional<Condition> condition(CommandExecutionStatus status, String type) {
        return status.conditions() == null ? Optional.empty()
                : status.conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }
}
