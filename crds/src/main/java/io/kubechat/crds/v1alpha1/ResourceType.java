package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The kind of object a command acts on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceType(
        @Required
        @Size(min = 1, max = 63)
        @Pattern("^[A-Za-z][A-Za-z0-9]*$")
        @JsonPropertyDescription("Kind, for example Deployment.")
        String kind,

        @Size(max = 316)
        @Pattern("^([a-z0-9.-]+/)?v[0-9]+((alpha|beta)[0-9]+)?$")
        @JsonPropertyDescription("API version, for example apps/v1; resolved from the kind when omitted.")
        String apiVersion) {
}
