package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The decision on a command held for approval; the only part of the spec that may change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(
        @Required
        @JsonPropertyDescription("approved or rejected.")
        ApprovalDecision decision,

        @JsonPropertyDescription("Who decided; checked against the authenticated user at admission.")
        Identity approver,

        @Size(max = 1024)
        @JsonPropertyDescription("Why, in the approver's words.")
        String reason) {
}
