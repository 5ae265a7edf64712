package io.kubechat.crds.v1alpha1;

/** A one-word summary of where a CommandExecution is; the conditions carry the detail. */
public enum ExecutionPhase {
    Pending,
    Translated,
    Authorized,
    Denied,
    AwaitingApproval,
    Approved,
    Rejected,
    Expired,
    Running,
    Succeeded,
    Failed;

    /** Whether nothing further will happen to a command in this phase. */
    public boolean isTerminal() {
        return this == Denied || this == Rejected || this == Expired || this == Succeeded || this == Failed;
    }
}
