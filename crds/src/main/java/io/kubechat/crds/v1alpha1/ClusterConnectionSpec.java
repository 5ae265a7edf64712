package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * How to reach another cluster, which of its namespaces KubeChat may touch, and who a requester is
 * there: the other cluster trusts what the local one authenticated only as far as this says.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterConnectionSpec(
        @Size(max = 128)
        @JsonPropertyDescription("Name shown to users.")
        String displayName,

        @Required
        @JsonPropertyDescription("Secret key holding a kubeconfig for the cluster. Only inline credentials are accepted:"
                + " no exec plugins, auth providers, file paths or insecure-skip-tls-verify.")
        SecretKeyReference kubeconfigSecretRef,

        @Size(max = 256)
        @JsonPropertyDescription("Namespaces commands may touch; all when omitted.")
        List<@Size(max = 63) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String> allowedNamespaces,

        @Size(max = 64)
        @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?:$")
        @JsonPropertyDescription("Prefix put before the requester's user name on that cluster, for example 'hub:'; none when omitted.")
        String userPrefix,

        @Size(max = 64)
        @JsonPropertyDescription("Local groups that mean the same on that cluster; the requester's other groups are not claimed there."
                + " system: groups are never forwarded.")
        List<@Size(max = 256) String> forwardedGroups) {
}
