package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Counters of a session; the messages themselves live in PostgreSQL, not in etcd. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatSessionStatus(
        @Min(0) Long observedGeneration,
        @Size(max = 16) List<Condition> conditions,
        @Min(0)
        @JsonPropertyDescription("Number of messages in the session.")
        Long messageCount,
        @JsonPropertyDescription("Time of the last message, RFC 3339.")
        String lastActivityTime) {
}
