package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** What the operator has done with a CommandExecution. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandExecutionStatus(
        @JsonPropertyDescription("One-word summary; the conditions carry the detail.")
        ExecutionPhase phase,

        @Min(0)
        @JsonPropertyDescription("The .metadata.generation this status reflects.")
        Long observedGeneration,

        @Size(max = 16)
        @JsonPropertyDescription("Conditions, among them Succeeded as the summary.")
        List<Condition> conditions,

        Translation translation,

        Risk risk,

        Authorization authorization,

        @JsonPropertyDescription("When a pending approval expires, RFC 3339.")
        String approvalExpiryTime,

        CommandResult result,

        AuditReference auditRef,

        @JsonPropertyDescription("When execution started, RFC 3339.")
        String startTime,

        @JsonPropertyDescription("When the command reached a final phase, RFC 3339.")
        String completionTime) {
}
