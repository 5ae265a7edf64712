package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The risk rating of the structured command and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Risk(
        @Required
        @JsonPropertyDescription("safe, caution or destructive.")
        RiskLevel level,

        @Size(max = 20)
        @JsonPropertyDescription("Why the command got this rating.")
        List<@Size(max = 512) String> reasons) {
}
