package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-6: the mutable label kubechat.io/session decided which conversation a command is shown and streamed in.
 * Whoever may patch CommandExecutions (the demo approver role may) relabels alice's command into bob's session,
 * and bob reads it there. The immutable spec.sessionRef decides.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class RelabelledCommandJoinsAnotherSessionAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRelabelledCommandStaysInItsOwnSession() throws Exception {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "alice", "operator", List.of());
        Attacks.user(admin, "bob", "viewer", List.of());
        Browser alice = Attacks.signedIn(base, "alice");
        String aliceSession = Attacks.newSession(alice, GatewayEnvironment.SHOP);
        JsonNode command = Attacks.ask(alice, aliceSession, "list deployments in shop");
        Attacks.awaitCommand(alice, command, Attacks.FINAL);

        Browser bob = Attacks.signedIn(base, "bob");
        String bobSession = Attacks.newSession(bob, GatewayEnvironment.SHOP);
        Browser.Stream stream = bob.stream(bobSession);
        assertThat(stream.opened()).isTrue();
        String name = command.get("name").asText();
        LocalCluster.shared().admin().resources(CommandExecution.class).inNamespace(GatewayEnvironment.SESSIONS_NAMESPACE)
                .withName(name).edit(ce -> {
                    ce.getMetadata().getLabels().put("kubechat.io/session", bobSession);
                    return ce;
                });
        Thread.sleep(3000);
        assertThat(bob.get("/api/v1/commands?session=" + bobSession).json()).noneMatch(c -> c.get("name").asText().equals(name));
        assertThat(bob.get("/api/v1/sessions/" + bobSession + "/messages").text()).doesNotContain(name);
        assertThat(stream.events.toString()).doesNotContain(name);
        assertThat(bob.get(Attacks.path(command)).status()).isEqualTo(404);
        stream.close();
        assertThat(alice.get("/api/v1/commands?session=" + aliceSession).json()).anyMatch(c -> c.get("name").asText().equals(name));
    }
}
