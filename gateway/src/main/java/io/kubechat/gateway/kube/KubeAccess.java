package io.kubechat.gateway.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.gateway.auth.WebUser;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The two ways the gateway talks to Kubernetes: as itself (its service account, which may create ChatSessions and
 * CommandExecutions on behalf of web users through the verb {@code delegate}), and as the web user, through
 * Impersonate-User/Group, so the API server applies that user's RBAC to every read.
 */
@ApplicationScoped
public class KubeAccess {

    private final KubernetesClient gateway;

    public KubeAccess(KubernetesClient gateway) {
        this.gateway = gateway;
    }

    public KubernetesClient gateway() {
        return gateway;
    }

    /** A client sharing the gateway's connection pool that acts as {@code user}'s Kubernetes identity. */
    public KubernetesClient as(WebUser user) {
        return as(user.kubernetes());
    }

    public KubernetesClient as(Identity identity) {
        return gateway.newClient(new RequestConfigBuilder()
                        .withImpersonateUsername(identity.user())
                        .withImpersonateGroups(identity.groups().toArray(String[]::new))
                        .build())
                .adapt(KubernetesClient.class);
    }
}
