package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * M-8: sign-in throttling keyed only on the TCP peer. Behind an Ingress (the test gateway trusts loopback as its
 * proxy) one noisy client must not lock everybody out, and guesses spread over many client addresses must still
 * be throttled for the account they target.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class DistributedPasswordGuessingAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void guessesFromManyAddressesAreThrottledForTheAccount() {
        Attacks.user(Attacks.admin(base), "guess-victim", "viewer", List.of());
        List<Integer> answers = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            answers.add(new Browser(base).login("guess-victim", "guess-" + i, Map.of("X-Forwarded-For", "198.51.100." + i)).status());
        }
        assertThat(answers).as("answers to 30 guesses from 30 addresses").contains(429);
        assertThat(answers.subList(0, 5)).containsOnly(401);
        // While throttled, the right password from yet another address gets no answer about it either.
        assertThat(new Browser(base).login("guess-victim", GatewayEnvironment.PASSWORD, Map.of("X-Forwarded-For", "198.51.100.99")).status())
                .isEqualTo(429);
    }

    @Test
    void oneNoisyClientBehindTheProxyDoesNotLockOutOthers() {
        Attacks.user(Attacks.admin(base), "behind-proxy", "viewer", List.of());
        int last = 0;
        for (int i = 0; i < 80 && last != 429; i++) {
            last = new Browser(base).login("nobody-" + i, "x", Map.of("X-Forwarded-For", "203.0.113.7")).status();
        }
        assertThat(last).as("the noisy client is throttled").isEqualTo(429);
        Browser.Reply other = new Browser(base).login("behind-proxy", GatewayEnvironment.PASSWORD, Map.of("X-Forwarded-For", "203.0.113.8"));
        assertThat(other.status()).as(other.text()).isEqualTo(200);
    }

    @Test
    void aForwardedForFromAnUntrustedPeerIsNotBelieved() {
        // The gateway trusts only the configured proxies: a client cannot pick a fresh address per guess itself.
        // (The test client is loopback, a trusted proxy; so this checks the rightmost untrusted hop is used.)
        int last = 0;
        for (int i = 0; i < 80 && last != 429; i++) {
            last = new Browser(base).login("spoof-" + i, "x", Map.of("X-Forwarded-For", "192.0.2." + i + ", 203.0.113.50")).status();
        }
        assertThat(last).as("the spoofed left-most addresses do not make new buckets").isEqualTo(429);
    }
}
