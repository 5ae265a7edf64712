package io.kubechat.gateway.auth;

import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Web name and groups to the Kubernetes user and groups the API server will see, as --oidc-*-prefix does. */
@ApplicationScoped
public class IdentityMapper {

    private final GatewayConfig config;

    public IdentityMapper(GatewayConfig config) {
        this.config = config;
    }

    public Identity map(String username, List<String> groups) {
        String groupPrefix = config.groupPrefix().orElse("");
        List<String> mapped = new ArrayList<>();
        for (String g : groups) {
            mapped.add(groupPrefix + g);
        }
        if (!mapped.contains(config.usersGroup())) {
            mapped.add(config.usersGroup());
        }
        return new Identity(config.usernamePrefix().orElse("") + username, List.copyOf(mapped));
    }
}
