package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A condition as Kubernetes API conventions (metav1.Condition) define it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        @Required
        @Size(max = 316)
        @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
        @JsonPropertyDescription("Type of condition in CamelCase, for example Succeeded.")
        String type,

        @Required
        @JsonPropertyDescription("True, False or Unknown.")
        ConditionStatus status,

        @Min(0)
        @JsonPropertyDescription("The .metadata.generation this condition was set for.")
        Long observedGeneration,

        @Required
        @JsonPropertyDescription("When the status last changed, RFC 3339.")
        String lastTransitionTime,

        @Required
        @Size(min = 1, max = 1024)
        @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
        @JsonPropertyDescription("Machine-readable CamelCase reason for the last transition.")
        String reason,

        @Size(max = 32768)
        @JsonPropertyDescription("Human-readable details of the last transition.")
        String message) {
}
