package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * L-1: the auth, CSRF and rate-limit filter compared the raw path, while the router decodes and normalises it, so
 * /%61pi/..., //api/... and /api/v1/x/../... reached the endpoints without the filter. Each spelling must be
 * handled exactly as /api/v1/...: signed in, a GET works; a write without the CSRF token is refused as such.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class EncodedPathBypassesAuthAttackIT {

    static final List<String> SPELLINGS = List.of("/%61pi/v1", "//api/v1", "/api//v1", "/api/v1/auth/../", "/api/%76%31", "/api/v1/./");

    @TestHTTPResource("/")
    URI base;

    @Test
    void everySpellingOfTheApiPathGoesThroughTheFilter() {
        Attacks.user(Attacks.admin(base), "pathfinder", "operator", List.of());
        Browser user = Attacks.signedIn(base, "pathfinder");
        for (String prefix : SPELLINGS) {
            String me = (prefix.endsWith("/") ? prefix : prefix + "/") + "me";
            Browser.Reply read = user.send("GET", me, null, false, Map.of());
            assertThat(read.status()).as("GET %s: %s", me, read.text()).isIn(200, 400, 404);
            if (read.status() == 200) {
                assertThat(read.json().get("username").asText()).isEqualTo("pathfinder");
            }
            String sessions = (prefix.endsWith("/") ? prefix : prefix + "/") + "sessions";
            Browser.Reply write = user.send("POST", sessions, Map.of("title", "csrf"), false, Map.of());
            assertThat(write.status()).as("POST %s without CSRF: %s", sessions, write.text()).isIn(403, 400, 404);
            if (write.status() == 403) {
                assertThat(write.json().get("error").asText()).isEqualTo("CsrfTokenMissing");
            }
        }
    }

    @Test
    void anEncodedPathIsRateLimitedLikeThePlainOne() {
        Attacks.user(Attacks.admin(base), "limited", "viewer", List.of());
        Browser user = Attacks.signedIn(base, "limited");
        int last = 0;
        for (int i = 0; i < 300 && last != 429; i++) {
            last = user.send("GET", "/%61pi/v1/me", null, false, Map.of()).status();
        }
        assertThat(last).as("the per-user limit (120/min in tests) applies to /%61pi").isEqualTo(429);
    }
}
