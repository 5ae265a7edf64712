package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * M-5: alice (edit in the shop) lists the shop's Secrets in the chat. carol, an approver whom RBAC lets view the
 * shop but not its Secrets, and bob, a viewer alice shares the session with, must not read that result through
 * the gateway: not in the command list, not in one command, not on the dashboard, not in the stream.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApproverReadsOthersResultsAttackIT {

    static final String SECRET = "m5-payment-keys";

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    void users() {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "alice", "operator", List.of());
        Attacks.user(admin, "bob", "viewer", List.of());
        Attacks.user(admin, "carol", "approver", List.of());
        LocalCluster.shared().admin().secrets().inNamespace(GatewayEnvironment.SHOP).resource(new SecretBuilder().withNewMetadata()
                .withName(SECRET).endMetadata().addToStringData("key", "x").build()).serverSideApply();
    }

    @Test
    void othersSeeTheCommandButNotItsResult() throws Exception {
        Browser alice = Attacks.signedIn(base, "alice");
        String session = Attacks.newSession(alice, GatewayEnvironment.SHOP);
        JsonNode command = Attacks.ask(alice, session, "list secrets in shop");
        JsonNode done = Attacks.awaitCommand(alice, command, Attacks.FINAL);
        assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.get("result").toString()).as("the requester reads her own result").contains(SECRET);

        Browser carol = Attacks.signedIn(base, "carol");
        assertThat(carol.get(Attacks.path(command)).status()).isEqualTo(200);
        assertThat(carol.get(Attacks.path(command)).text()).doesNotContain(SECRET);
        assertThat(carol.get("/api/v1/commands").text()).doesNotContain(SECRET);
        assertThat(carol.get("/api/v1/dashboard").text()).doesNotContain(SECRET);

        assertThat(alice.put("/api/v1/sessions/" + session + "/sharing", Map.of("sharedWith", List.of("bob"))).status()).isEqualTo(200);
        Browser bob = Attacks.signedIn(base, "bob");
        assertThat(bob.get("/api/v1/commands?session=" + session).json()).hasSize(1);
        assertThat(bob.get("/api/v1/commands?session=" + session).text()).doesNotContain(SECRET);
        assertThat(bob.get("/api/v1/sessions/" + session + "/messages").text()).doesNotContain(SECRET);
        Browser.Stream stream = bob.stream(session);
        assertThat(stream.opened()).isTrue();
        JsonNode again = Attacks.ask(alice, session, "list secrets in shop");
        Attacks.awaitCommand(alice, again, Attacks.FINAL);
        Attacks.await(() -> stream.events.stream().anyMatch(e -> "Succeeded".equals(e.path("command").path("phase").asText())),
                Duration.ofSeconds(30));
        assertThat(stream.events.toString()).doesNotContain(SECRET);
        stream.close();
    }

    @Test
    void aReaderWithTheSameRightsSeesTheResult() throws Exception {
        Browser alice = Attacks.signedIn(base, "alice");
        String session = Attacks.newSession(alice, GatewayEnvironment.SHOP);
        JsonNode command = Attacks.ask(alice, session, "list deployments in shop");
        assertThat(Attacks.awaitCommand(alice, command, Attacks.FINAL).get("result").toString()).contains("checkout");
        // carol may list the shop's deployments herself (view): she sees what she could read anyway.
        assertThat(Attacks.signedIn(base, "carol").get(Attacks.path(command)).json().get("result").toString()).contains("checkout");
    }
}
