package io.kubechat.operator.cluster;

import io.kubechat.crds.v1alpha1.ClusterConnectionSpec;
import io.kubechat.crds.v1alpha1.Identity;
import java.util.List;
import java.util.Optional;

/**
 * Who a requester authenticated by the local cluster is on a connected one. The other cluster is a
 * different trust domain: its RBAC would otherwise judge the strings the local cluster vouched for,
 * among them names and groups only the local cluster gives out (service accounts, gateway groups).
 * So user names get the connection's prefix, only the groups it forwards are claimed there, never a
 * system: group, and without a prefix a system: user (a local service account or node) is refused.
 *
 * @param userPrefix      put before the user name there; empty for none
 * @param forwardedGroups local groups that mean the same there
 */
public record IdentityMapping(String userPrefix, List<String> forwardedGroups) {

    /** The local cluster: the requester as authenticated. */
    public static final IdentityMapping LOCAL = new IdentityMapping(null, null);

    public IdentityMapping {
        userPrefix = userPrefix == null ? "" : userPrefix;
        forwardedGroups = forwardedGroups == null ? null : List.copyOf(forwardedGroups);
    }

    static IdentityMapping of(ClusterConnectionSpec spec) {
        return new IdentityMapping(spec.userPrefix(), spec.forwardedGroups() == null ? List.of() : spec.forwardedGroups());
    }

    /** The requester on that cluster; empty when they cannot be anyone there. */
    public Optional<Identity> map(Identity requester) {
        if (this == LOCAL || forwardedGroups == null) {
            return Optional.of(requester);
        }
        if (userPrefix.isEmpty() && requester.user().startsWith("system:")) {
            return Optional.empty();
        }
        List<String> groups = requester.groups() == null ? List.of()
                : requester.groups().stream().filter(g -> !g.startsWith("system:") && forwardedGroups.contains(g)).toList();
        return Optional.of(new Identity(userPrefix + requester.user(), groups));
    }
}
