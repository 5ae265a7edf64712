package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** Label and field selectors in the syntax kubectl's -l and --field-selector take. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Selector(
        @Size(max = 1024)
        @JsonPropertyDescription("Label selector, for example app=web,tier!=cache.")
        String labels,

        @Size(max = 1024)
        @JsonPropertyDescription("Field selector, for example status.phase=Running.")
        String fields) {
}
