package io.kubechat.crds.v1alpha1;

/** What a matching policy rule does to a command. */
public enum PolicyAction {
    /** Run without approval. */
    Allow,
    /** Hold for an approver. */
    RequireApproval,
    /** Refuse outright. */
    Deny
}
