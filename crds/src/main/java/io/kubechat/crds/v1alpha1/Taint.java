package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A node taint to add, or to remove when {@code remove} is true. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Taint(
        @Required
        @Size(min = 1, max = 316)
        String key,

        @Size(max = 63)
        String value,

        @Pattern("^(NoSchedule|PreferNoSchedule|NoExecute)$")
        @JsonPropertyDescription("NoSchedule, PreferNoSchedule or NoExecute; required when adding.")
        String effect,

        @JsonPropertyDescription("Remove this taint instead of adding it.")
        Boolean remove) {
}
