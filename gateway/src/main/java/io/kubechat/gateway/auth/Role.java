package io.kubechat.gateway.auth;

import java.util.Set;

/** What a web user may do in KubeChat itself; what they may do in Kubernetes is RBAC's business. */
public final class Role {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String APPROVER = "approver";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(VIEWER, OPERATOR, APPROVER, AUDITOR, ADMIN);

    private Role() {
    }
}
