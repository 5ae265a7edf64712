package io.kubechat.kubectl;

import io.kubechat.crds.v1alpha1.ApprovalDecision;
import picocli.CommandLine.Command;

@Command(name = "approve", description = "Approve a CommandExecution that awaits approval; it then runs as its requester.")
final class ApproveCommand extends DecisionCommand {

    @Override
    ApprovalDecision decision() {
        return ApprovalDecision.APPROVED;
    }
}
