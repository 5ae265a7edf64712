package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-8: anybody on the internet made durable ledger records with an actor of their choosing by failing to sign in,
 * so forged "authentication failure" records appeared in a user's own audit view. Failures are recorded under a
 * fixed anonymous actor, with the attempted name only as data.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class AnonymousSignInPollutesLedgerAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void failedSignInsAreNotRecordedInTheVictimsName() {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "ledger-victim", "viewer", List.of());
        for (String name : List.of("ledger-victim", "kubechat:ledger-victim", "no-such-user-l8")) {
            assertThat(new Browser(base).login(name, "wrong").status()).isEqualTo(401);
        }
        JsonNode own = Attacks.signedIn(base, "ledger-victim").get("/api/v1/audit?limit=100").json().get("items");
        assertThat(own).as("the victim's own audit view").noneMatch(r -> "failure".equals(r.path("outcome").asText()));

        JsonNode all = admin.get("/api/v1/audit?limit=500").json().get("items");
        List<JsonNode> failures = new java.util.ArrayList<>();
        all.forEach(r -> {
            if ("authentication".equals(r.path("eventType").asText()) && "failure".equals(r.path("outcome").asText())) {
                failures.add(r);
            }
        });
        assertThat(failures).isNotEmpty().allMatch(r -> r.get("actor").get("user").asText().equals("anonymous"));
        assertThat(failures).anyMatch(r -> r.path("reason").asText().contains("no-such-user-l8"));
    }
}
