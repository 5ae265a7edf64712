package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A conversation: whose it is, where it points by default and how long it is kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.owner) == has(oldSelf.owner) && (!has(self.owner) || self.owner == oldSelf.owner)", message = "spec.owner is immutable", reason = "FieldValueForbidden")
public record ChatSessionSpec(
        @JsonPropertyDescription("Who the session belongs to; set from the authenticated user at admission.")
        Identity owner,

        @Size(max = 200)
        @JsonPropertyDescription("Title shown in the session list.")
        String title,

        @Size(max = 253)
        @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        @JsonPropertyDescription("Default ClusterConnection; the local cluster when omitted.")
        String cluster,

        @Size(max = 63)
        @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        @JsonPropertyDescription("Namespace used when a request names none.")
        String namespace,

        @Default("720h")
        @Pattern("^([0-9]+(s|m|h))+$")
        @JsonPropertyDescription("How long messages are kept after the last activity, for example 720h.")
        String retention,

        @Size(max = 64)
        @JsonPropertyDescription("Users who may read and post in this session besides the owner.")
        List<@Size(max = 256) String> sharedWith) {
}
