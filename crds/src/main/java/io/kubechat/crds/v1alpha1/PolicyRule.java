package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Matches commands by verb, kind, namespace and risk; an empty list matches everything. The most
 * restrictive action among the matching rules applies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRule(
        @Required
        @Size(min = 1, max = 63)
        @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        String name,

        @Required
        @JsonPropertyDescription("Allow, RequireApproval or Deny.")
        PolicyAction action,

        @Size(max = 32) List<Verb> verbs,

        @Size(max = 64)
        @JsonPropertyDescription("Kinds, for example Secret or Deployment.")
        List<@Size(max = 63) String> kinds,

        @Size(max = 256) List<@Size(max = 63) String> namespaces,

        @JsonPropertyDescription("Match only commands rated at least this risk.")
        RiskLevel minimumRisk,

        @Size(max = 1024)
        @JsonPropertyDescription("Told to the requester when this rule denies or holds a command.")
        String message) {
}
