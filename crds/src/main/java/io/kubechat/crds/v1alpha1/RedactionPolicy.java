package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Extra redaction beyond Secret values, which are always redacted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedactionPolicy(
        @Size(max = 64)
        @JsonPropertyDescription("Regular expressions; values of keys that match are replaced in results.")
        List<@Size(max = 256) String> keyPatterns) {
}
