package io.kubechat.operator.execute;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.kubechat.crds.v1alpha1.Identity;

/**
 * Clients that act as the requester: every call carries Impersonate-User and Impersonate-Group, so
 * the API server applies the requester's RBAC a second time, after the operator's own review.
 */
public final class RequesterClients {

    private final KubernetesClient operatorClient;

    /** @param operatorClient the operator's own client; it needs the impersonate permission on users and groups */
    public RequesterClients(KubernetesClient operatorClient) {
        this.operatorClient = operatorClient;
    }

    /** A client sharing the operator's connection pool, acting as {@code requester}. */
    public KubernetesClient as(Identity requester) {
        String[] groups = requester.groups() == null ? new String[0] : requester.groups().toArray(String[]::new);
        return operatorClient.newClient(new RequestConfigBuilder()
                        .withImpersonateUsername(requester.user())
                        .withImpersonateGroups(groups)
                        .build())
                .adapt(KubernetesClient.class);
    }
}
