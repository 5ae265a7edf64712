package io.kubechat.gateway.auth;

import io.kubechat.crds.v1alpha1.Identity;
import java.util.List;

/**
 * A signed-in web user, as the session resolved them.
 *
 * @param groups the web groups (from the account, or from the IdP at OIDC sign-in), before mapping
 */
public record WebUser(String username, String displayName, List<String> roles, List<String> groups, String csrfToken,
                      Identity kubernetes) {

    public boolean has(String role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    public boolean hasExactly(String role) {
        return roles.contains(role);
    }

    /** Operators and admins may send requests; viewers, approvers and auditors only look (and decide). */
    public boolean mayRequest() {
        return has(Role.OPERATOR);
    }
}
