package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The outcome of the last probe of a connected cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterConnectionStatus(
        @Min(0) Long observedGeneration,
        @Size(max = 16) List<Condition> conditions,
        @JsonPropertyDescription("Whether the last probe reached the API server.")
        Boolean reachable,
        @Size(max = 64)
        @JsonPropertyDescription("The API server's version, for example v1.35.4.")
        String serverVersion,
        @JsonPropertyDescription("Time of the last probe, RFC 3339.")
        String lastProbeTime) {
}
