package io.kubechat.gateway.auth;

import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Web name and groups to the Kubernetes user and groups the API server will see, as kube-apiserver's
 * --oidc-username-prefix and --oidc-groups-prefix do: kubechat:alice in kubechat:platform. A cluster administrator
 * binds those names; no gateway admin or IdP can hand out a Kubernetes identity outside the prefix, and groups that
 * read as system groups are dropped even when they slipped into an account or a token.
 */
@ApplicationScoped
public class IdentityMapper {

    /** The value of a prefix setting that means none, as for kube-apiserver. */
    static final String NONE = "-";

    private final GatewayConfig config;

    public IdentityMapper(GatewayConfig config) {
        this.config = config;
    }

    public Identity map(String username, List<String> groups) {
        String groupPrefix = prefix(config.groupPrefix());
        List<String> mapped = new ArrayList<>();
        for (String g : groups) {
            String k = groupPrefix + g;
            if (GroupNames.acceptable(g) && GroupNames.acceptable(k) && !mapped.contains(k)) {
                mapped.add(k);
            }
        }
        if (!mapped.contains(config.usersGroup())) {
            mapped.add(config.usersGroup());
        }
        return new Identity(prefix(config.usernamePrefix()) + username, List.copyOf(mapped));
    }

    /** The web name behind a Kubernetes user this gateway mapped; other users (kubectl's) are shown as they are. */
    public String webName(String kubernetesUser) {
        String prefix = prefix(config.usernamePrefix());
        return kubernetesUser != null && !prefix.isEmpty() && kubernetesUser.startsWith(prefix)
                ? kubernetesUser.substring(prefix.length()) : kubernetesUser;
    }

    static String prefix(String configured) {
        return NONE.equals(configured) ? "" : configured;
    }
}
