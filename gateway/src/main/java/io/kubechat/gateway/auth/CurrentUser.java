package io.kubechat.gateway.auth;

import io.kubechat.gateway.web.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The user the request's session cookie signs in; set by {@link AuthFilter}. */
@RequestScoped
public class CurrentUser {

    private WebUser user;

    void set(WebUser user) {
        this.user = user;
    }

    public WebUser get() {
        if (user == null) {
            throw new ApiException(401, "NotAuthenticated", "sign in first");
        }
        return user;
    }

    public WebUser require(String role, String code) {
        WebUser u = get();
        if (!u.has(role)) {
            throw new ApiException(403, code, u.username() + " does not have the " + role + " role");
        }
        return u;
    }
}
