package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.operator.access.AccessReview;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.execute.RequesterClients;
import java.util.List;

/**
 * A cluster commands run on: the local one, or one named by a ClusterConnection. Everything a
 * command needs of a cluster (its kinds, the requester's rights, clients acting as the requester)
 * comes from the same one, so a check on one cluster never stands in for another.
 *
 * @param name              the ClusterConnection's name, or null for the local cluster
 * @param allowedNamespaces namespaces commands may touch; empty for all
 * @param identities        who a requester is on this cluster
 */
public record ClusterTarget(String name, KubernetesClient client, KindResolver kinds, AccessReview accessReview,
        RequesterClients requesters, List<String> allowedNamespaces, IdentityMapping identities) {

    static ClusterTarget of(String name, KubernetesClient client, List<String> allowedNamespaces, IdentityMapping identities) {
        return new ClusterTarget(name, client, new KindResolver(client), new AccessReview(client), new RequesterClients(client),
                allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces), identities);
    }

    /** Whether a command acting in {@code namespace} (null: cluster-wide or all namespaces) may run here. */
    public boolean allows(String namespace) {
        return allowedNamespaces.isEmpty() || (namespace != null && allowedNamespaces.contains(namespace));
    }

    /** How users see this cluster in messages. */
    public String displayName() {
        return name == null ? "the local cluster" : "cluster " + name;
    }
}
