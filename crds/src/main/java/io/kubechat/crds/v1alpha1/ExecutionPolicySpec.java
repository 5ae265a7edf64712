package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Rules for the CommandExecutions in this policy's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionPolicySpec(
        @Size(max = 100)
        @JsonPropertyDescription("Which commands are allowed, held for approval or denied.")
        List<PolicyRule> rules,

        ApprovalPolicy approval,

        RedactionPolicy redaction) {
}
