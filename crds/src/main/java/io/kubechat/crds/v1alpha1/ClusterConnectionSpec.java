package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** How to reach another cluster and which of its namespaces KubeChat may touch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterConnectionSpec(
        @Size(max = 128)
        @JsonPropertyDescription("Name shown to users.")
        String displayName,

        @Required
        @JsonPropertyDescription("Secret key holding a kubeconfig for the cluster.")
        SecretKeyReference kubeconfigSecretRef,

        @Size(max = 256)
        @JsonPropertyDescription("Namespaces commands may touch; all when omitted.")
        List<@Size(max = 63) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String> allowedNamespaces) {
}
