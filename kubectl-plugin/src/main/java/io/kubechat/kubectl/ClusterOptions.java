package io.kubechat.kubectl;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubechat.crds.v1alpha1.Identity;
import java.io.File;
import java.util.List;
import picocli.CommandLine.Option;

/** Where to connect, as kubectl does: the current kubeconfig and context unless told otherwise. */
final class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    File kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use (default: the current context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the context's namespace, else default).")
    String namespace;

    KubernetesClient client() {
        Config config = kubeconfig != null ? Config.fromKubeconfig(context, kubeconfig) : Config.autoConfigure(context);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    String namespace(KubernetesClient client) {
        if (namespace != null) {
            return namespace;
        }
        return client.getNamespace() != null ? client.getNamespace() : "default";
    }

    /** The user the API server authenticates this client as, which admission checks requesters and approvers against. */
    static Identity whoAmI(KubernetesClient client) {
        SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReviewBuilder().build());
        UserInfo user = review.getStatus().getUserInfo();
        return new Identity(user.getUsername(), user.getGroups() == null || user.getGroups().isEmpty() ? null : List.copyOf(user.getGroups()));
    }
}
