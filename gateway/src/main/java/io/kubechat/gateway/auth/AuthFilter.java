package io.kubechat.gateway.auth;

import io.kubechat.gateway.web.RateLimiter;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request: a rate limit per client address, then the session cookie, the CSRF token on every request
 * that can change something, and a rate limit per user. Runs on the endpoint's worker thread (it reads PostgreSQL).
 */
public class AuthFilter {

    /** Reachable without a session: signing in and finding out how to. */
    private static final Set<String> PUBLIC = Set.of("/api/v1/auth/login", "/api/v1/auth/providers", "/api/v1/auth/oidc");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final SessionStore sessions;
    private final CurrentUser current;
    private final RateLimiter limiter;

    public AuthFilter(SessionStore sessions, CurrentUser current, RateLimiter limiter) {
        this.sessions = sessions;
        this.current = current;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Optional<jakarta.ws.rs.core.Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = http.path();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        limiter.address(clientAddress(http));
        if (PUBLIC.contains(path)) {
            return Optional.empty();
        }
        Cookie cookie = http.getCookie(SessionStore.COOKIE);
        WebUser user = sessions.resolve(cookie == null ? null : cookie.getValue())
                .orElseThrow(() -> new io.kubechat.gateway.web.ApiException(401, "NotAuthenticated", "sign in first"));
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String token = request.getHeaderString(CSRF_HEADER);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), user.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw new io.kubechat.gateway.web.ApiException(403, "CsrfTokenMissing",
                        "this request needs the X-CSRF-Token header from sign-in or /api/v1/me");
            }
        }
        limiter.user(user.username());
        current.set(user);
        return Optional.empty();
    }

    public static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
