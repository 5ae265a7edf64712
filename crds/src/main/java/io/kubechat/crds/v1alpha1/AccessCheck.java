package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** One SubjectAccessReview made for the requester, and its answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessCheck(
        @Size(max = 63) String verb,
        @Size(max = 253) String group,
        @Size(max = 253) String resource,
        @Size(max = 63) String subresource,
        @Size(max = 63) String namespace,
        @Size(max = 253) String name,
        Boolean allowed,
        @Size(max = 1024)
        @JsonPropertyDescription("The authorizer's reason.")
        String reason) {
}
