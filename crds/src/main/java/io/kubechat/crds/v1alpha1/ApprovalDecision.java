package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An approver's answer to a command that awaits approval. */
public enum ApprovalDecision {
    @JsonProperty("approved") APPROVED,
    @JsonProperty("rejected") REJECTED
}
