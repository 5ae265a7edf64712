package io.kubechat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.export.CsvFormat;
import io.kubechat.audit.export.ExportBundle;
import io.kubechat.audit.export.JsonlFormat;
import io.kubechat.audit.export.PdfFormat;
import io.kubechat.audit.verify.ExportVerifier;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The gateway against the local cluster, PostgreSQL and the real operator, driven as the UI drives it. */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

    @TestHTTPResource("/")
    URI base;
    @TestHTTPResource(value = "/", management = true)
    URI managementBase;

    private Browser admin;

    @BeforeAll
    void users() {
        admin = new Browser(base);
        assertThat(admin.login("admin", GatewayEnvironment.ADMIN_PASSWORD).status()).isEqualTo(200);
        createUser("alice", "operator");
        createUser("bob", "viewer");
        createUser("carol", "approver");
        // An approver by KubeChat role whom RBAC does not allow to approve.
        createUser("dave", "approver");
        createUser("erin", "operator");
        // An operator by KubeChat role with no rights in the shop.
        createUser("frank", "operator");
    }

    private void createUser(String name, String role) {
        Browser.Reply r = admin.post("/api/v1/admin/users", Map.of("username", name, "displayName", name.toUpperCase(),
                "roles", List.of(role), "password", GatewayEnvironment.PASSWORD));
        assertThat(r.status()).as(r.text()).isIn(201, 409);
    }

    private Browser signedIn(String user) {
        Browser b = new Browser(base);
        Browser.Reply r = b.login(user, GatewayEnvironment.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return b;
    }

    private String newSession(Browser b, String namespace) {
        Browser.Reply r = b.post("/api/v1/sessions", Map.of("title", "test", "namespace", namespace));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private JsonNode awaitCommand(Browser b, JsonNode command, Set<String> phases) throws InterruptedException {
        String path = "/api/v1/commands/" + command.get("namespace").asText() + "/" + command.get("name").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Browser.Reply r = b.get(path);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            last = r.json();
            if (phases.contains(last.get("phase").asText())) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("command never reached " + phases + "; last seen " + last);
    }

    @Test
    @Order(1)
    void withoutSignInEveryApiCallIs401WithSecurityHeaders() {
        Browser anonymous = new Browser(base);
        Browser.Reply me = anonymous.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.json().get("error").asText()).isEqualTo("NotAuthenticated");
        assertThat(anonymous.get("/api/v1/sessions").status()).isEqualTo(401);
        for (Browser.Reply r : List.of(me, anonymous.get("/q/health/live"), anonymous.get("/api/v1/auth/providers"))) {
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
            assertThat(r.header("Strict-Transport-Security")).startsWith("max-age=");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(anonymous.get("/api/v1/auth/providers").json().get("oidc").asBoolean()).isFalse();
        assertThat(anonymous.get("/api/v1/auth/oidc").status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void signInCsrfAndSignOut() {
        Browser b = new Browser(base);
        Browser.Reply wrong = b.login("alice", "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("InvalidCredentials");
        assertThat(b.login("nobody", "whatever-it-is").status()).isEqualTo(401);

        Browser.Reply ok = b.login("alice", GatewayEnvironment.PASSWORD);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Set-Cookie")).contains("KUBECHAT_SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        JsonNode user = ok.json().get("user");
        assertThat(user.get("kubernetesUser").asText()).isEqualTo("kubechat:alice");
        assertThat(user.get("groups")).extracting(JsonNode::asText).contains("kubechat:users");
        assertThat(user.get("roles")).extracting(JsonNode::asText).containsExactly("operator");
        assertThat(b.get("/api/v1/me").json().get("csrfToken").asText()).isEqualTo(b.csrf());

        Browser.Reply noToken = b.postWithoutCsrf("/api/v1/sessions", Map.of("title", "x"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.json().get("error").asText()).isEqualTo("CsrfTokenMissing");
        String token = b.csrf();
        b.csrf("forged");
        assertThat(b.post("/api/v1/sessions", Map.of("title", "x")).status()).isEqualTo(403);
        b.csrf(token);
        assertThat(b.post("/api/v1/sessions", Map.of("title", "x")).status()).isEqualTo(201);

        assertThat(b.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
        assertThat(b.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aRequestInTheChatScalesTheDeploymentAndTheStreamShowsEveryPhase() throws Exception {
        Browser alice = signedIn("alice");
        String session = newSession(alice, GatewayEnvironment.SHOP);
        Browser.Stream stream = alice.stream(session);
        assertThat(stream.opened()).as(String.valueOf(stream.failure())).isTrue();

        Browser.Reply posted = alice.post("/api/v1/sessions/" + session + "/messages", Map.of("text", "scale checkout in shop to 5"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        JsonNode command = posted.json().get("command");
        assertThat(command.get("requester").get("user").asText()).isEqualTo("kubechat:alice");
        assertThat(command.get("sessionId").asText()).isEqualTo(session);

        JsonNode done = awaitCommand(alice, command, Set.of("Succeeded", "Failed", "Denied"));
        assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.get("kubectl").asText()).contains("scale").contains("checkout").contains("5");
        assertThat(done.get("risk").get("level").asText()).isEqualTo("caution");
        assertThat(LocalCluster.shared().admin().apps().deployments().inNamespace("shop").withName("checkout").get()
                .getSpec().getReplicas()).isEqualTo(5);

        await(() -> stream.events.stream().anyMatch(e -> "command".equals(e.path("type").asText())
                && "Succeeded".equals(e.path("command").path("phase").asText())));
        List<String> phases = new ArrayList<>();
        stream.events.stream().filter(e -> "command".equals(e.path("type").asText()))
                .map(e -> e.path("command").path("phase").asText()).forEach(p -> {
                    if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(p)) {
                        phases.add(p);
                    }
                });
        assertThat(phases).as("phases streamed").contains("Succeeded").hasSizeGreaterThan(1);
        assertThat(stream.events).anyMatch(e -> "message".equals(e.path("type").asText())
                && "scale checkout in shop to 5".equals(e.path("message").path("text").asText()));
        assertThat(stream.events).anyMatch(e -> e.path("command").path("kubectl").asText().contains("scale"));
        stream.close();

        JsonNode messages = alice.get("/api/v1/sessions/" + session + "/messages").json();
        assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant");
        // The operator records the exchange in the chat history once the command has finished.
        await(() -> alice.get("/api/v1/sessions").json().findParents("id").stream()
                .anyMatch(s -> s.get("id").asText().equals(session) && s.get("messageCount").asLong() == 2));
        assertThat(alice.get("/api/v1/commands?session=" + session).json()).hasSize(1);
    }

    @Test
    @Order(4)
    void aDestructiveRequestWaitsForAnApproverThatRbacAllows() throws Exception {
        Browser alice = signedIn("alice");
        String session = newSession(alice, GatewayEnvironment.SHOP);
        JsonNode command = alice.post("/api/v1/sessions/" + session + "/messages", Map.of("text", "scale checkout in shop to 0"))
                .json().get("command");
        JsonNode waiting = awaitCommand(alice, command, Set.of("AwaitingApproval", "Succeeded", "Failed", "Denied"));
        assertThat(waiting.get("phase").asText()).as(waiting.toString()).isEqualTo("AwaitingApproval");
        assertThat(waiting.get("risk").get("level").asText()).isEqualTo("destructive");
        String approve = "/api/v1/commands/" + command.get("namespace").asText() + "/" + command.get("name").asText() + "/approve";

        Browser.Reply byBob = signedIn("bob").post(approve, Map.of("reason", "looks fine"));
        assertThat(byBob.status()).isEqualTo(403);
        assertThat(byBob.json().get("error").asText()).isEqualTo("NotAnApprover");
        Browser.Reply byDave = signedIn("dave").post(approve, Map.of("reason", "looks fine"));
        assertThat(byDave.status()).as("the API server refuses an approver without the RBAC verb approve").isEqualTo(403);
        assertThat(byDave.json().get("error").asText()).isEqualTo("NotAnApprover");
        assertThat(byDave.json().get("message").asText()).contains("dave").contains("forbidden");
        Browser.Reply byAlice = alice.post(approve, Map.of());
        assertThat(byAlice.status()).isEqualTo(403);

        Browser carol = signedIn("carol");
        JsonNode pending = carol.get("/api/v1/dashboard").json().get("pendingApprovals");
        assertThat(pending).anyMatch(c -> c.get("name").asText().equals(command.get("name").asText()));
        Browser.Reply byCarol = carol.post(approve, Map.of("reason", "maintenance window"));
        assertThat(byCarol.status()).as(byCarol.text()).isEqualTo(200);
        assertThat(byCarol.json().get("approval").get("approver").asText()).isEqualTo("kubechat:carol");

        JsonNode done = awaitCommand(alice, command, Set.of("Succeeded", "Failed", "Rejected", "Denied"));
        assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(LocalCluster.shared().admin().apps().deployments().inNamespace("shop").withName("checkout").get()
                .getSpec().getReplicas()).isZero();
        Browser.Reply again = carol.post(approve, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("NotAwaitingApproval");
    }

    @Test
    @Order(5)
    void anotherUsersSessionIsRefused() throws Exception {
        Browser alice = signedIn("alice");
        String session = newSession(alice, GatewayEnvironment.SHOP);
        Browser erin = signedIn("erin");
        assertThat(erin.get("/api/v1/sessions/" + session).status()).isEqualTo(404);
        assertThat(erin.get("/api/v1/sessions/" + session + "/messages").status()).isEqualTo(404);
        assertThat(erin.post("/api/v1/sessions/" + session + "/messages", Map.of("text", "get pods")).status()).isEqualTo(404);
        assertThat(erin.delete("/api/v1/sessions/" + session).status()).isEqualTo(404);
        assertThat(erin.get("/api/v1/sessions").json()).noneMatch(s -> s.get("id").asText().equals(session));
        Browser.Stream stolen = erin.stream(session);
        assertThat(stolen.opened()).isFalse();
        assertThat(new Browser(base).stream(session).opened()).isFalse();
        // A viewer may read but not send requests.
        Browser.Reply byBob = signedIn("bob").post("/api/v1/sessions/" + newSession(signedIn("bob"), "shop") + "/messages",
                Map.of("text", "get pods"));
        assertThat(byBob.status()).isIn(403, 404);
        assertThat(alice.patch("/api/v1/sessions/" + session, Map.of("title", "renamed")).json().get("title").asText()).isEqualTo("renamed");
        assertThat(alice.delete("/api/v1/sessions/" + session).status()).isEqualTo(204);
    }

    @Test
    @Order(6)
    void resourcesAreReadWithTheUsersOwnRights() {
        LocalCluster.shared().admin().secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToStringData("password", "hunter2").build()).serverSideApply();
        Browser alice = signedIn("alice");
        JsonNode deployments = alice.get("/api/v1/resources/shop/deployments").json();
        assertThat(deployments.get("columns").get(0).asText()).isEqualTo("NAME");
        assertThat(deployments.get("rows")).anyMatch(r -> r.get(0).asText().equals("checkout"));
        JsonNode secret = alice.get("/api/v1/resources/shop/secrets/db").json();
        assertThat(secret.get("data").get("password").asText()).isEqualTo("<redacted>");
        assertThat(secret.toString()).doesNotContain("aHVudGVyMg").doesNotContain("hunter2");
        assertThat(alice.get("/api/v1/resources/shop/deployments/checkout/describe").json().get("text").asText()).contains("checkout");
        assertThat(alice.get("/api/v1/events?namespace=shop").status()).isEqualTo(200);

        Browser bob = signedIn("bob");
        assertThat(bob.get("/api/v1/resources/shop/deployments").status()).isEqualTo(200);
        Browser.Reply bobSecret = bob.get("/api/v1/resources/shop/secrets/db");
        assertThat(bobSecret.status()).as("view does not include secrets").isEqualTo(403);
        assertThat(bob.get("/api/v1/resources/kube-system/pods").status()).isEqualTo(403);
        assertThat(alice.get("/api/v1/resources/shop/widgets").status()).isEqualTo(404);

        JsonNode dashboard = alice.get("/api/v1/dashboard").json();
        assertThat(dashboard.has("nodes")).isTrue();
        assertThat(dashboard.get("recent")).isNotEmpty();
        JsonNode clusters = alice.get("/api/v1/clusters").json();
        assertThat(clusters.get(0).get("name").asText()).isEqualTo("local");
        assertThat(clusters.get(0).get("reachable").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void auditVerifiesWithASignedCheckpointAndExportsVerifiably() throws Exception {
        Browser alice = signedIn("alice");
        assertThat(alice.post("/api/v1/audit/verify", null).status()).isEqualTo(403);
        JsonNode own = alice.get("/api/v1/audit?limit=100").json().get("items");
        assertThat(own).isNotEmpty().allMatch(r -> r.get("actor").get("user").asText().equals("kubechat:alice"));
        assertThat(own).anyMatch(r -> r.get("eventType").asText().equals("authentication"));

        // The operator signs a checkpoint at most a minute after the records it covers.
        JsonNode verified = admin.post("/api/v1/audit/verify", null).json();
        for (int i = 0; i < 60 && verified.get("checkpoint") == null; i++) {
            Thread.sleep(2000);
            verified = admin.post("/api/v1/audit/verify", null).json();
        }
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("verifiedRecords").asLong()).isPositive();
        assertThat(verified.get("checkpoint").get("treeSize").asLong()).isEqualTo(verified.get("verifiedRecords").asLong());
        assertThat(verified.get("checkpoint").get("publicKey").asText()).contains("PUBLIC KEY");

        Browser.Reply csv = admin.get("/api/v1/audit/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        VerificationKey key = VerificationKey.fromPem(verified.get("checkpoint").get("publicKey").asText());
        ExportBundle fromCsv = CsvFormat.read(new ByteArrayInputStream(csv.bytes()));
        assertThat(fromCsv.records()).isNotEmpty();
        assertThat(ExportVerifier.verify(fromCsv, key).valid()).as("the CSV export verifies offline").isTrue();
        Browser.Reply jsonl = admin.get("/api/v1/audit/export?format=jsonl");
        assertThat(jsonl.status()).isEqualTo(200);
        assertThat(JsonlFormat.read(new ByteArrayInputStream(jsonl.bytes())).records()).hasSameSizeAs(fromCsv.records());
        Browser.Reply pdf = admin.get("/api/v1/audit/export?format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).startsWith("application/pdf");
        ExportBundle fromPdf = PdfFormat.read(pdf.bytes());
        assertThat(fromPdf.records()).isNotEmpty();
        assertThat(ExportVerifier.verify(fromPdf, key).valid()).as("the PDF export verifies offline").isTrue();
        assertThat(admin.get("/api/v1/audit/export?format=docx").status()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void administrationIsForAdmins() {
        Browser alice = signedIn("alice");
        Browser.Reply refused = alice.get("/api/v1/admin/users");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/admin/users").json()).anyMatch(u -> u.get("username").asText().equals("carol"));
        assertThat(admin.get("/api/v1/admin/policies").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/users", Map.of("username", "Not Valid!", "password", "long-enough-pw")).status()).isEqualTo(400);
        assertThat(admin.patch("/api/v1/admin/users/erin", Map.of("roles", List.of("viewer"))).status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void openApiHealthMetricsAndErrorsWithoutStackTraces() {
        Browser anonymous = new Browser(base);
        Browser management = new Browser(managementBase);
        Browser.Reply openapi = management.get("/q/openapi?format=json");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("paths").has("/api/v1/sessions/{id}/messages")).isTrue();
        assertThat(openapi.json().get("paths").has("/api/v1/commands/{namespace}/{name}/approve")).isTrue();
        assertThat(anonymous.get("/q/health/ready").status()).isEqualTo(200);
        assertThat(management.get("/q/metrics").text()).contains("kubechat_gateway_streams");
        Browser alice = signedIn("alice");
        Browser.Reply malformed = alice.send("POST", "/api/v1/sessions", "{not json", true);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text()).doesNotContain("Exception").doesNotContain("at io.");
        Browser.Reply tooLong = alice.post("/api/v1/sessions/" + newSession(alice, "shop") + "/messages", Map.of("text", "x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(400);
        Browser.Reply huge = alice.post("/api/v1/sessions", Map.of("title", "y".repeat(70_000)));
        assertThat(huge.status()).isEqualTo(413);
        Browser.Reply unknown = alice.get("/api/v1/no-such-endpoint");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NotFound");
    }

    @Test
    @Order(10)
    void theOwnerSharesASessionAndOnlyTheOwnerDecidesWhoSeesIt() throws Exception {
        Browser alice = signedIn("alice");
        String session = newSession(alice, GatewayEnvironment.SHOP);
        String path = "/api/v1/sessions/" + session;
        String sharing = path + "/sharing";
        JsonNode listed = alice.post(path + "/messages", Map.of("text", "list deployments in shop")).json().get("command");
        String listedPath = "/api/v1/commands/" + listed.get("namespace").asText() + "/" + listed.get("name").asText();
        assertThat(awaitCommand(alice, listed, Set.of("Succeeded", "Failed", "Denied")).get("phase").asText()).isEqualTo("Succeeded");

        Browser bob = signedIn("bob");
        assertThat(bob.get(path).status()).isEqualTo(404);
        assertThat(bob.get(path + "/messages").status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/commands?session=" + session).status()).isEqualTo(404);
        assertThat(bob.get(listedPath).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/sessions").json()).noneMatch(s -> s.get("id").asText().equals(session));
        assertThat(bob.stream(session).opened()).isFalse();
        assertThat(bob.put(sharing, Map.of("sharedWith", List.of("bob"))).status()).as("not even confirmed to exist").isEqualTo(404);

        Browser.Reply shared = alice.put(sharing, Map.of("sharedWith", List.of(" Bob ", "frank", "bob")));
        assertThat(shared.status()).as(shared.text()).isEqualTo(200);
        assertThat(shared.json().get("sharedWith")).extracting(JsonNode::asText).containsExactly("bob", "frank");
        assertThat(shared.json().get("access").asText()).isEqualTo("owner");

        JsonNode inBobsList = bob.get("/api/v1/sessions").json().findParents("id").stream()
                .filter(s -> s.get("id").asText().equals(session)).findFirst().orElseThrow();
        assertThat(inBobsList.get("access").asText()).isEqualTo("shared");
        assertThat(inBobsList.get("owner").asText()).isEqualTo("alice");
        assertThat(bob.get(path).json().get("access").asText()).isEqualTo("shared");
        assertThat(bob.get(path + "/messages").json()).extracting(m -> m.get("text").asText()).contains("list deployments in shop");
        assertThat(bob.get("/api/v1/commands?session=" + session).json()).extracting(c -> c.get("name").asText())
                .containsExactly(listed.get("name").asText());
        assertThat(bob.get(listedPath).json().get("phase").asText()).isEqualTo("Succeeded");
        Browser.Stream bobsStream = bob.stream(session);
        assertThat(bobsStream.opened()).as(String.valueOf(bobsStream.failure())).isTrue();

        // Only the owner renames, deletes or shares; a viewer it is shared with still sends no requests.
        Browser.Reply reshare = bob.put(sharing, Map.of("sharedWith", List.of("bob", "erin")));
        assertThat(reshare.status()).isEqualTo(403);
        assertThat(reshare.json().get("error").asText()).isEqualTo("NotSessionOwner");
        assertThat(bob.patch(path, Map.of("title", "mine now")).status()).isEqualTo(403);
        assertThat(bob.delete(path).status()).isEqualTo(403);
        Browser.Reply bobAsks = bob.post(path + "/messages", Map.of("text", "list pods in shop"));
        assertThat(bobAsks.status()).isEqualTo(403);
        assertThat(bobAsks.json().get("error").asText()).isEqualTo("NotAnOperator");

        // An operator it is shared with may ask, as himself: frank has no rights in the shop, so his request is denied.
        Browser frank = signedIn("frank");
        Browser.Reply frankAsks = frank.post(path + "/messages", Map.of("text", "list pods in shop"));
        assertThat(frankAsks.status()).as(frankAsks.text()).isEqualTo(202);
        JsonNode franks = frankAsks.json().get("command");
        assertThat(franks.get("requester").get("user").asText()).isEqualTo("kubechat:frank");
        // Denied by his RBAC, or asked about: the translator grounds the request in what frank can see, which is nothing there.
        assertThat(awaitCommand(alice, franks, Set.of("Succeeded", "Failed", "Denied")).get("phase").asText()).isIn("Denied", "Failed");
        assertThat(frank.put(sharing, Map.of("sharedWith", List.of())).status()).isEqualTo(403);

        // Sharing gives no say over approvals.
        JsonNode destructive = alice.post(path + "/messages", Map.of("text", "delete deployment checkout in shop")).json().get("command");
        assertThat(awaitCommand(alice, destructive, Set.of("AwaitingApproval", "Succeeded", "Failed", "Denied")).get("phase").asText())
                .isEqualTo("AwaitingApproval");
        String decide = "/api/v1/commands/" + destructive.get("namespace").asText() + "/" + destructive.get("name").asText();
        for (Browser sharedUser : List.of(bob, frank)) {
            Browser.Reply approval = sharedUser.post(decide + "/approve", Map.of());
            assertThat(approval.status()).isEqualTo(403);
            assertThat(approval.json().get("error").asText()).isEqualTo("NotAnApprover");
        }
        assertThat(signedIn("carol").post(decide + "/reject", Map.of("reason", "not today")).status()).isEqualTo(200);

        // Bad lists are refused with a reason, and change nothing.
        Map<Object, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(Map.of(), "sharedWith must be a list");
        refusals.put(Map.of("sharedWith", List.of("  ")), "must not be empty");
        refusals.put(Map.of("sharedWith", List.of("bob", "not a name!")), "'not a name!' is not a KubeChat user name");
        refusals.put(Map.of("sharedWith", List.of("x".repeat(300))), "is not a KubeChat user name");
        refusals.put(Map.of("sharedWith", List.of("Alice")), "the session is yours");
        refusals.put(Map.of("sharedWith", java.util.stream.IntStream.range(0, 65).mapToObj(i -> "user" + i).toList()), "at most 64 users");
        refusals.put("{\"sharedWith\": \"bob\"}", "not valid JSON for this endpoint (sharedWith has the wrong type)");
        refusals.forEach((body, reason) -> {
            Browser.Reply refused = alice.put(sharing, body);
            assertThat(refused.status()).as(body + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).as(refused.text()).isEqualTo("BadRequest");
            assertThat(refused.json().get("message").asText()).contains(reason);
        });
        assertThat(alice.get(path).json().get("sharedWith")).extracting(JsonNode::asText).containsExactly("bob", "frank");

        Browser.Reply unshared = alice.put(sharing, Map.of("sharedWith", List.of("frank")));
        assertThat(unshared.status()).as(unshared.text()).isEqualTo(200);
        assertThat(unshared.json().get("sharedWith")).extracting(JsonNode::asText).containsExactly("frank");
        await(() -> bobsStream.closedWith() != null);
        assertThat(bobsStream.closedWith()).isEqualTo(4403);
        assertThat(bob.get(path).status()).isEqualTo(404);
        assertThat(bob.get(path + "/messages").status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/commands?session=" + session).status()).isEqualTo(404);
        assertThat(bob.get(listedPath).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/sessions").json()).noneMatch(s -> s.get("id").asText().equals(session));
        assertThat(bob.stream(session).opened()).isFalse();
        assertThat(frank.get(path).status()).isEqualTo(200);

        assertThat(alice.put(sharing, Map.of("sharedWith", List.of())).json().get("sharedWith")).isEmpty();
        assertThat(frank.get(path).status()).isEqualTo(404);
        assertThat(alice.get(path).status()).isEqualTo(200);
    }

    @Test
    @Order(11)
    void anAnswerToAQuestionIsANewCommandOfTheSessionLinkedToIt() throws Exception {
        Browser alice = signedIn("alice");
        String session = newSession(alice, GatewayEnvironment.SHOP);
        String messages = "/api/v1/sessions/" + session + "/messages";
        Set<String> done = Set.of("Succeeded", "Failed", "Denied");

        // "chkout" is no deployment: the translator asks, offering the one alice can see.
        JsonNode asking = awaitCommand(alice, alice.post(messages, Map.of("text", "get deployment chkout")).json().get("command"), done);
        assertThat(asking.get("phase").asText()).as(asking.toString()).isEqualTo("Failed");
        assertThat(asking.get("clarification").get("question").asText()).contains("chkout");
        assertThat(asking.get("clarification").get("choices")).extracting(c -> c.get("kubectl").asText())
                .contains("kubectl get deployment checkout");

        // Only a command of this session that asked can be answered.
        JsonNode plain = awaitCommand(alice, alice.post(messages, Map.of("text", "get deployment checkout")).json().get("command"), done);
        for (String answers : List.of(plain.get("name").asText(), "cmd-none", "../etc")) {
            Browser.Reply refused = alice.post(messages, Map.of("text", "get deployment checkout", "answers", answers));
            assertThat(refused.status()).as(answers + ": " + refused.text()).isEqualTo(400);
        }
        String other = "/api/v1/sessions/" + newSession(alice, GatewayEnvironment.SHOP) + "/messages";
        assertThat(alice.post(other, Map.of("text", "get deployment checkout", "answers", asking.get("name").asText())).status())
                .isEqualTo(400);

        Browser.Reply answered = alice.post(messages, Map.of("text", "kubectl get deployment checkout", "answers", asking.get("name").asText()));
        assertThat(answered.status()).as(answered.text()).isEqualTo(202);
        JsonNode answer = awaitCommand(alice, answered.json().get("command"), done);
        assertThat(answer.get("answers").asText()).isEqualTo(asking.get("name").asText());
        assertThat(answer.get("phase").asText()).as(answer.toString()).isEqualTo("Succeeded");
        assertThat(answer.has("clarification")).isFalse();
    }

    @Test
    @Order(100)
    void rateLimitsAnswer429WithRetryAfter() {
        Browser erin = signedIn("erin");
        Browser.Reply last = null;
        for (int i = 0; i < 400 && (last == null || last.status() != 429); i++) {
            last = erin.get("/api/v1/me");
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("error").asText()).isEqualTo("TooManyRequests");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();

        Browser guesser = new Browser(base);
        Browser.Reply attempt = null;
        for (int i = 0; i < 60 && (attempt == null || attempt.status() != 429); i++) {
            attempt = guesser.login("guess-target-" + i, "guess-" + i);
        }
        assertThat(attempt.status()).isEqualTo(429);
        assertThat(attempt.json().get("error").asText()).isEqualTo("TooManyRequests");
        assertThat(attempt.header("Retry-After")).isNotNull();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
