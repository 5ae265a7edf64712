package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Whether the requester may do everything the command needs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Authorization(
        Boolean allowed,

        @Size(max = 1024)
        @JsonPropertyDescription("Why not, when denied.")
        String reason,

        @Size(max = 32)
        @JsonPropertyDescription("Each access check made.")
        List<AccessCheck> checks) {
}
