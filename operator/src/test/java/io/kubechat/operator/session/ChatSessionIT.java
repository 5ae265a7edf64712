package io.kubechat.operator.session;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.chat.ChatMessage;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.ChatSessionStatus;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ChatSessions through the running operator: their conversation in PostgreSQL, their counters, and their end. */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ChatSessionIT {

    @Inject
    ChatMessages messages;

    @Inject
    AuditTrail audit;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("cs");
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions", "chatsessions"),
                List.of("create", "get", "list", "watch", "delete"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
    }

    @Test
    void aSessionsCommandsBecomeItsConversationInPostgresAndItsCountersFollow() {
        createSession("incident", "720h");
        ask("incident", "scale-web", "scale web to 2");
        ask("incident", "list-pods", "list pods");
        ask("incident", "nonsense", "make me a sandwich");

        List<ChatMessage> conversation = messages.history().list(namespace, "incident", 50);
        assertThat(conversation).filteredOn(m -> m.role().equals(ChatMessage.USER)).extracting(ChatMessage::commandName, ChatMessage::text)
                .containsExactly(tuple("scale-web", "scale web to 2"), tuple("list-pods", "list pods"), tuple("nonsense", "make me a sandwich"));
        assertThat(conversation).filteredOn(m -> m.role().equals(ChatMessage.ASSISTANT)).extracting(ChatMessage::commandName, ChatMessage::text)
                .satisfiesExactly(
                        scaled -> assertThat(scaled).isEqualTo(tuple("scale-web", "deployment.apps/web scaled to 2")),
                        listed -> assertThat(listed.toList()).first().isEqualTo("list-pods"),
                        refused -> assertThat(refused.toList()).element(1).asString().startsWith("Failed: "));
        ChatSessionStatus status = awaitSession("incident", s -> Long.valueOf(6).equals(s.messageCount()));
        assertThat(status.lastActivityTime()).isNotNull();
        assertThat(status.conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("Active");
            assertThat(c.reason()).isEqualTo("Active");
            assertThat(c.message()).startsWith("6 messages; expires at ");
        });
    }

    @Test
    void anIdleSessionExpiresWithItsCommandsAndMessagesButItsAuditRecordsStay() {
        createSession("short-lived", "20s");
        ask("short-lived", "short-scale", "scale web to 3");
        assertThat(messages.history().count(namespace, "short-lived")).isEqualTo(2);
        long auditedBefore = auditRecordsOf("short-scale");

        admin.resources(ChatSession.class).inNamespace(namespace).withName("short-lived").waitUntilCondition(s -> s == null, 90, TimeUnit.SECONDS);

        assertThat(admin.resources(CommandExecution.class).inNamespace(namespace).withName("short-scale").get()).isNull();
        assertThat(messages.history().count(namespace, "short-lived")).isZero();
        assertThat(auditRecordsOf("short-scale")).isEqualTo(auditedBefore).isPositive();
        assertThat(audit.ledger().verify().valid()).isTrue();
    }

    @Test
    void deletingASessionRemovesItsCommandsAndMessagesOnly() {
        createSession("gone", "720h");
        createSession("kept", "720h");
        ask("gone", "gone-list", "list deployments");
        ask("kept", "kept-list", "list deployments");

        cluster.as("bob").resources(ChatSession.class).inNamespace(namespace).withName("gone").delete();
        admin.resources(ChatSession.class).inNamespace(namespace).withName("gone").waitUntilCondition(s -> s == null, 60, TimeUnit.SECONDS);

        assertThat(admin.resources(CommandExecution.class).inNamespace(namespace).withName("gone-list").get()).isNull();
        assertThat(messages.history().count(namespace, "gone")).isZero();
        assertThat(admin.resources(CommandExecution.class).inNamespace(namespace).withName("kept-list").get()).isNotNull();
        assertThat(messages.history().count(namespace, "kept")).isEqualTo(2);
    }

    private void createSession(String name, String retention) {
        cluster.as("bob").resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ChatSession","metadata":{"name":"%s"},
                 "spec":{"owner":{"user":"bob"},"title":"%s","retention":"%s"}}""".formatted(name, name, retention), ChatSession.class))
                .inNamespace(namespace).create();
    }

    /** Asks in the session as bob, owned by it as the gateway's commands are, and waits until the command is final and in the session's history. */
    private void ask(String session, String name, String request) {
        String uid = admin.resources(ChatSession.class).inNamespace(namespace).withName(session).get().getMetadata().getUid();
        cluster.as("bob").resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"CommandExecution","metadata":{"name":"%s",
                  "ownerReferences":[{"apiVersion":"kubechat.io/v1alpha1","kind":"ChatSession","name":"%s","uid":"%s"}]},
                 "spec":{"request":"%s","sessionRef":{"name":"%s"},"requester":{"user":"bob"}}}""".formatted(name, session, uid, request, session),
                CommandExecution.class)).inNamespace(namespace).create();
        CommandExecution done = admin.resources(CommandExecution.class).inNamespace(namespace).withName(name).waitUntilCondition(
                c -> c.getStatus() != null && c.getStatus().phase() != null && c.getStatus().phase().isTerminal(), 60, TimeUnit.SECONDS);
        assertThat(done.getStatus().phase()).isIn(ExecutionPhase.Succeeded, ExecutionPhase.Failed);
    }

    private ChatSessionStatus awaitSession(String name, Predicate<ChatSessionStatus> condition) {
        return admin.resources(ChatSession.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(s -> s != null && s.getStatus() != null && condition.test(s.getStatus()), 60, TimeUnit.SECONDS)
                .getStatus();
    }

    private long auditRecordsOf(String name) {
        String ref = namespace + "/" + name + "/";
        long[] count = {0};
        audit.ledger().records(1, audit.ledger().size(), r -> {
            if (r.event().commandRef() != null && r.event().commandRef().startsWith(ref)) {
                count[0]++;
            }
            return true;
        });
        return count[0];
    }
}
