package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** What the attack tests do again and again against the running gateway: accounts, sign-ins, sessions, commands. */
final class Attacks {

    static final Set<String> FINAL = Set.of("Succeeded", "Failed", "Denied", "Rejected", "Expired", "OutcomeUnknown");

    private Attacks() {
    }

    /**
     * A client address of its own for each legitimate sign-in (loopback is the trusted proxy in these tests), so
     * that the attacks' floods of sign-ins from one address do not throttle the people they attack.
     */
    static Map<String, String> freshAddress() {
        return Map.of("X-Forwarded-For", "198.18." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254)));
    }

    private static final java.util.Random RANDOM = new java.util.Random();

    static Browser admin(URI base) {
        Browser admin = new Browser(base);
        Browser.Reply r = admin.login("admin", GatewayEnvironment.ADMIN_PASSWORD, freshAddress());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return admin;
    }

    /** Creates the local account (or leaves the one of an earlier test class) with the test password. */
    static void user(Browser admin, String name, String role, List<String> groups) {
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "roles", List.of(role), "password", GatewayEnvironment.PASSWORD));
        body.put("groups", groups);
        Browser.Reply r = admin.post("/api/v1/admin/users", body);
        assertThat(r.status()).as(r.text()).isIn(201, 409);
    }

    static Browser signedIn(URI base, String user) {
        Browser b = new Browser(base);
        Browser.Reply r = b.login(user, GatewayEnvironment.PASSWORD, freshAddress());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return b;
    }

    static String newSession(Browser b, String namespace) {
        Browser.Reply r = b.post("/api/v1/sessions", Map.of("title", "attack", "namespace", namespace));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static JsonNode ask(Browser b, String session, String text) {
        Browser.Reply r = b.post("/api/v1/sessions/" + session + "/messages", Map.of("text", text));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.json().get("command");
    }

    static String path(JsonNode command) {
        return "/api/v1/commands/" + command.get("namespace").asText() + "/" + command.get("name").asText();
    }

    static JsonNode awaitCommand(Browser b, JsonNode command, Set<String> phases) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Browser.Reply r = b.get(path(command));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            last = r.json();
            if (phases.contains(last.get("phase").asText())) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("command never reached " + phases + "; last seen " + last);
    }

    static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + within);
            }
            Thread.sleep(200);
        }
    }
}
