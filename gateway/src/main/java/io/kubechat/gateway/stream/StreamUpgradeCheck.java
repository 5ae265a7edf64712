package io.kubechat.gateway.stream;

import io.kubechat.gateway.auth.SessionStore;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.kube.Conversations;
import io.kubechat.gateway.web.ApiException;
import io.kubechat.gateway.web.ClientAddress;
import io.kubechat.gateway.web.RateLimiter;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream opens only for a signed-in user who may use the session, from a page of this origin
 * (the Origin check stops other sites from riding on the cookie).
 */
@ApplicationScoped
public class StreamUpgradeCheck implements HttpUpgradeCheck {

    /** The signed-in user, kept with the connection so that {@link StreamHub} can tell when sharing ends. */
    static final UserData.TypedKey<WebUser> USER = new UserData.TypedKey<>("kubechat.user");
    /** The sign-in the stream was opened with ({@link SessionStore#key}): the stream ends when it does. */
    static final UserData.TypedKey<String> SIGN_IN = new UserData.TypedKey<>("kubechat.sign-in");

    private final SessionStore sessions;
    private final Conversations conversations;
    private final RateLimiter limiter;

    private final ClientAddress addresses;

    public StreamUpgradeCheck(SessionStore sessions, Conversations conversations, RateLimiter limiter, ClientAddress addresses) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return Uni.createFrom().item(() -> check(context)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private CheckResult check(HttpUpgradeContext context) {
        HttpServerRequest http = context.httpRequest();
        try {
            limiter.address(addresses.of(http));
            if (!sameOrigin(http)) {
                return CheckResult.rejectUpgradeSync(403);
            }
            Cookie cookie = http.getCookie(sessions.cookieName());
            Optional<WebUser> user = sessions.resolve(cookie == null ? null : cookie.getValue());
            if (user.isEmpty()) {
                return CheckResult.rejectUpgradeSync(401);
            }
            limiter.user(user.get().username());
            conversations.session(user.get(), context.pathParam("id"));
            context.userData().put(USER, user.get());
            context.userData().put(SIGN_IN, SessionStore.key(cookie.getValue()));
            return CheckResult.permitUpgradeSync();
        } catch (RateLimiter.TooManyRequests e) {
            return CheckResult.rejectUpgradeSync(429, Map.of("Retry-After", List.of(Long.toString(e.retryAfterSeconds()))));
        } catch (ApiException e) {
            return CheckResult.rejectUpgradeSync(e.status());
        }
    }

    static boolean sameOrigin(HttpServerRequest http) {
        String origin = http.getHeader("Origin");
        if (origin == null) {
            // Browsers always send Origin on WebSocket handshakes; non-browser clients carry no ambient cookie risk.
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = http.getHeader("Host");
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
