package io.kubechat.kubectl;

import io.kubechat.crds.v1alpha1.ApprovalDecision;
import picocli.CommandLine.Command;

@Command(name = "reject", description = "Reject a CommandExecution that awaits approval; it ends Rejected and never runs.")
final class RejectCommand extends DecisionCommand {

    @Override
    ApprovalDecision decision() {
        return ApprovalDecision.REJECTED;
    }
}
