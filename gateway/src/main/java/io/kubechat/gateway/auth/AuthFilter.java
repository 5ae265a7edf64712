package io.kubechat.gateway.auth;

import io.kubechat.gateway.web.ApiException;
import io.kubechat.gateway.web.ClientAddress;
import io.kubechat.gateway.web.RateLimiter;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every REST request, after routing: a rate limit per client address, then the session cookie, the CSRF token on
 * every request that can change something, and a rate limit per user. Whether an endpoint is public is decided by
 * the endpoint matched ({@link Public}), never by comparing paths, so no spelling of a path (%61pi, //api, dot
 * segments) reaches an endpoint around this filter. Runs on the endpoint's worker thread (it reads PostgreSQL).
 */
public class AuthFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final SessionStore sessions;
    private final CurrentUser current;
    private final RateLimiter limiter;
    private final ClientAddress addresses;

    public AuthFilter(SessionStore sessions, CurrentUser current, RateLimiter limiter, ClientAddress addresses) {
        this.sessions = sessions;
        this.current = current;
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @ServerRequestFilter
    public Optional<jakarta.ws.rs.core.Response> authenticate(ContainerRequestContext request, HttpServerRequest http, ResourceInfo resource) {
        limiter.address(addresses.of(http));
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Public.class)) {
            return Optional.empty();
        }
        Cookie cookie = http.getCookie(sessions.cookieName());
        WebUser user = sessions.resolve(cookie == null ? null : cookie.getValue())
                .orElseThrow(() -> new ApiException(401, "NotAuthenticated", "sign in first"));
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String token = request.getHeaderString(CSRF_HEADER);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), user.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(403, "CsrfTokenMissing", "this request needs the X-CSRF-Token header from sign-in or /api/v1/me");
            }
        }
        limiter.user(user.username());
        current.set(user);
        return Optional.empty();
    }
}
