package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A Kubernetes user: the name and groups the API server authenticated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identity(
        @Required
        @Size(min = 1, max = 256)
        @JsonPropertyDescription("User name as the API server knows it.")
        String user,

        @Size(max = 64)
        @JsonPropertyDescription("Groups of the user.")
        List<@Size(max = 256) String> groups) {
}
