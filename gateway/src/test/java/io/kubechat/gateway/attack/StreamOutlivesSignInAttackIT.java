package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * L-2: an open WebSocket stream kept delivering a conversation after its user signed out, had their password or
 * roles changed, or was deleted by an administrator. A stream lives only as long as the sign-in it was opened with.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class StreamOutlivesSignInAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void signingOutClosesTheStream() throws Exception {
        Attacks.user(Attacks.admin(base), "streamer", "operator", List.of());
        Browser b = Attacks.signedIn(base, "streamer");
        Browser.Stream stream = b.stream(Attacks.newSession(b, GatewayEnvironment.SHOP));
        assertThat(stream.opened()).isTrue();
        assertThat(b.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
        Attacks.await(() -> stream.closedWith() != null, Duration.ofSeconds(45));
    }

    @Test
    void deletingTheAccountClosesItsStreams() throws Exception {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "doomed", "operator", List.of());
        Browser b = Attacks.signedIn(base, "doomed");
        Browser.Stream stream = b.stream(Attacks.newSession(b, GatewayEnvironment.SHOP));
        assertThat(stream.opened()).isTrue();
        assertThat(admin.delete("/api/v1/admin/users/doomed").status()).isEqualTo(204);
        Attacks.await(() -> stream.closedWith() != null, Duration.ofSeconds(45));
        assertThat(b.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aNewPasswordClosesTheOldSignInsStreams() throws Exception {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "rekeyed", "operator", List.of());
        Browser b = Attacks.signedIn(base, "rekeyed");
        Browser.Stream stream = b.stream(Attacks.newSession(b, GatewayEnvironment.SHOP));
        assertThat(stream.opened()).isTrue();
        assertThat(admin.patch("/api/v1/admin/users/rekeyed", Map.of("password", "another long password")).status()).isEqualTo(200);
        Attacks.await(() -> stream.closedWith() != null, Duration.ofSeconds(45));
    }
}
