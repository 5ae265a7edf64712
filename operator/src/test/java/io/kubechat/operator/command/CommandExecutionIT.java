package io.kubechat.operator.command;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.export.RecordJson;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole CommandExecutions through the running operator, as users of the real API server create them. */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class CommandExecutionIT {

    @Inject
    AuditTrail audit;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("ce");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get", "list", "watch"));
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"),
                List.of("get", "list", "watch", "update", "patch", "approve"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "alice", "ClusterRole", "view");
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        cluster.bind(namespace, "bob", "Role", "kubechat-approver");
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 2)).create();
        admin.apps().deployments().inNamespace(namespace).withName("web").waitUntilCondition(
                d -> d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
    }

    @Test
    void aRequestInWordsScalesTheDeploymentAsTheRequester() {
        commands.create("bob", "scale-web", "request: scale web to 3");
        CommandExecutionStatus status = commands.awaitFinal("scale-web");

        assertThat(status.phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(status.translation().kubectl()).isEqualTo("kubectl scale deployment web --replicas=3");
        assertThat(status.risk().level()).isEqualTo(RiskLevel.CAUTION);
        assertThat(status.result().summary()).isEqualTo("deployment.apps/web scaled to 3");
        assertThat(status.conditions()).extracting(Condition::type, Condition::status)
                .contains(tuple("Translated", ConditionStatus.True), tuple("Authorized", ConditionStatus.True), tuple("Succeeded", ConditionStatus.True));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOn("scale-web"))
                .containsExactlyInAnyOrder("Normal Translated", "Normal Authorized", "Normal Running", "Normal Succeeded"));
        admin.apps().deployments().inNamespace(namespace).withName("web").waitUntilCondition(
                d -> Integer.valueOf(3).equals(d.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);

        assertThat(auditedSteps("scale-web")).containsExactly("command_translated", "permission_check", "command_started", "command_executed");
        AuditRecord last = audit.ledger().get(status.auditRef().sequence()).orElseThrow();
        assertThat(last.event().eventType()).isEqualTo("command_executed");
        assertThat(HexFormat.of().formatHex(last.hash())).isEqualTo(status.auditRef().hash());
        assertThat(audit.ledger().verify().valid()).isTrue();
        // The operator caches commands without managedFields and claims and writes status without them: the server keeps every owner.
        assertThat(admin.resources(CommandExecution.class).inNamespace(namespace).withName("scale-web").get().getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getSubresource).contains("status").anyMatch(subresource -> subresource == null);
    }

    @Test
    void everyCheckpointIsPublishedOutsideTheDatabaseWithThePinnedPublicKey() {
        commands.create("bob", "scale-web-published", "request: scale web to 2");
        commands.awaitFinal("scale-web-published");
        SignedCheckpoint signed = audit.ledger().checkpoint().orElseThrow();

        var published = admin.configMaps().inNamespace(OperatorOnLocalCluster.OPERATOR_NAMESPACE)
                .withName("kubechat-audit-checkpoints").get().getData();
        assertThat(VerificationKey.fromPem(published.get("public-key.pem")).keyId()).isEqualTo(audit.ledger().verificationKey().keyId());
        assertThat(RecordJson.readCheckpoint(published.get("latest-checkpoint.json")).treeSize()).isGreaterThanOrEqualTo(signed.treeSize());
        assertThat(audit.ledger().verify().valid()).isTrue();
    }

    @Test
    void everyDecisionIsAuditedWithItsActor() {
        commands.create("alice", "audited-denial", "request: scale web to 5");
        commands.awaitFinal("audited-denial");
        commands.create("bob", "audited-approval", "request: delete deployment web");
        commands.await("audited-approval", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        commands.approve("carol", "audited-approval");
        commands.awaitFinal("audited-approval");

        assertThat(auditedRecords("audited-denial")).extracting(r -> r.event().eventType(), r -> r.event().decision())
                .containsExactly(tuple("command_translated", null), tuple("permission_check", "denied"));
        assertThat(auditedRecords("audited-approval")).extracting(r -> r.event().eventType(), r -> r.event().actor().user())
                .containsExactly(tuple("command_translated", "bob"), tuple("permission_check", "bob"), tuple("approval", "carol"),
                        tuple("command_started", "bob"), tuple("command_executed", "bob"));
    }

    @Test
    void aUserWithoutTheRightIsDeniedAndNothingRuns() {
        commands.create("alice", "alice-scales", "request: scale web to 5");
        CommandExecutionStatus status = commands.awaitFinal("alice-scales");

        assertThat(status.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(status.authorization().reason()).startsWith("alice may not patch deployments/scale.apps web in namespace " + namespace);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aDeleteWaitsForSomeoneElsesApproval() {
        commands.create("bob", "delete-web", "request: delete deployment web");
        assertThat(commands.await("delete-web", s -> s.phase() == ExecutionPhase.AwaitingApproval).risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);

        commands.approve("bob", "delete-web");
        CommandExecutionStatus selfApproved = commands.awaitFinal("delete-web");
        assertThat(selfApproved.phase()).isEqualTo(ExecutionPhase.Rejected);
        assertThat(selfApproved.conditions()).anySatisfy(c -> assertThat(c.message()).isEqualTo("bob may not approve their own command"));
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();

        commands.create("bob", "delete-web-again", "request: delete deployment web");
        commands.await("delete-web-again", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        commands.approve("carol", "delete-web-again");
        CommandExecutionStatus approved = commands.awaitFinal("delete-web-again");
        assertThat(approved.phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(approved.result().summary()).isEqualTo("deployment.apps/web deleted");
        // Every step is an Event on the resource, for kubectl describe; they are sent in the background.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOn("delete-web-again"))
                .containsExactlyInAnyOrder("Normal Translated", "Normal AwaitingApproval", "Normal Approved", "Normal Running", "Normal Succeeded"));
        assertThat(eventsOn("delete-web")).contains("Warning ApprovalNotValid");
    }

    private List<String> eventsOn(String name) {
        return admin.v1().events().inNamespace(namespace).withField("involvedObject.name", name).list().getItems().stream()
                .map(e -> e.getType() + " " + e.getReason()).toList();
    }

    @Test
    void nothingRunsWhileTheAuditLedgerIsDownAndItResumesWhenItIsBack() {
        OperatorOnLocalCluster.stopDatabase();
        try {
            commands.create("bob", "scale-during-outage", "request: scale web to 4");
            CommandExecutionStatus waiting = commands.await("scale-during-outage", s -> s.conditions() != null && s.conditions().stream()
                    .anyMatch(c -> "AuditUnavailable".equals(c.reason())));
            assertThat(waiting.phase()).isNull();
            assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
        } finally {
            OperatorOnLocalCluster.startDatabase();
        }
        assertThat(commands.awaitFinal("scale-during-outage").phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(4);
        assertThat(auditedSteps("scale-during-outage")).containsExactly("command_translated", "permission_check", "command_started",
                "command_executed");
        assertThat(audit.ledger().verify().valid()).isTrue();
    }

    @Test
    void aliasesAreRatedAndRecordedUnderTheirCanonicalKind() {
        commands.create("bob", "alias", "command: {verb: get, resource: {kind: deploy}, name: web}");
        CommandExecutionStatus status = commands.awaitFinal("alias");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(status.translation().command().resource().kind()).isEqualTo("Deployment");
        assertThat(status.translation().command().resource().apiVersion()).isEqualTo("apps/v1");
    }

    @Test
    void secretValuesInAStructuredCommandAreRefusedBeforeTheyAreStored() {
        assertThatThrownBy(() -> commands.create("bob", "structured-secret",
                "command: {verb: create, resource: {kind: secret}, name: db, arguments: {data: {password: hunter2}}}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("a Secret's values cannot be written");
        assertThat(admin.resources(CommandExecution.class).inNamespace(namespace).withName("structured-secret").get()).isNull();
    }

    @Test
    void anApprovalWindowThatClosesExpiresTheCommand() {
        admin.resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ExecutionPolicy","metadata":{"name":"quick","namespace":"%s"},
                 "spec":{"approval":{"expireAfter":"2s"}}}""".formatted(namespace), ExecutionPolicy.class)).create();
        commands.create("bob", "too-late", "request: delete deployment web");
        CommandExecutionStatus status = commands.awaitFinal("too-late");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Expired);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
    }

    @Test
    void aCommandInASessionTakesTheSessionsNamespace() {
        String elsewhere = cluster.createNamespace("ce-other");
        // bob sees web there (so the request is grounded in it) but may not scale it.
        admin.apps().deployments().inNamespace(elsewhere).resource(deployment("web", 2)).create();
        cluster.bind(elsewhere, "bob", "ClusterRole", "view");
        // Bob's own session: only the gateway may create one for someone else.
        cluster.createRole(namespace, "session-owner", "kubechat.io", List.of("chatsessions"), List.of("create", "get"));
        cluster.bind(namespace, "bob", "Role", "session-owner");
        cluster.as("bob").resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ChatSession","metadata":{"name":"incident","namespace":"%s"},
                 "spec":{"owner":{"user":"bob"},"namespace":"%s"}}""".formatted(namespace, elsewhere), ChatSession.class)).create();
        commands.create("bob", "in-session", "request: scale web to 3\nsessionRef: {name: incident}");
        CommandExecutionStatus status = commands.awaitFinal("in-session");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(status.authorization().reason()).contains("in namespace " + elsewhere);
    }

    @Test
    void aCommandForAnUnknownClusterIsNeverRunHere() {
        // A name of this test's own: the right to use it, granted below, must not outlive the test on a reused cluster.
        String connection = "staging-" + namespace;
        String operatorNamespace = OperatorOnLocalCluster.OPERATOR_NAMESPACE;
        // Without "use" on it, whether the connection exists is not even told.
        commands.create("bob", "elsewhere", "request: scale web to 6\ncluster: " + connection);
        CommandExecutionStatus status = commands.awaitFinal("elsewhere");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(status.authorization().reason()).startsWith("bob may not use clusterconnections.kubechat.io " + connection
                + " in namespace " + operatorNamespace);

        admin.rbac().roles().inNamespace(operatorNamespace).resource(new RoleBuilder().withNewMetadata().withName(connection).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("clusterconnections")
                        .withResourceNames(connection).withVerbs("use").build()).build()).create();
        cluster.bind(operatorNamespace, "bob", "Role", connection);
        commands.create("bob", "elsewhere-allowed", "request: scale web to 6\ncluster: " + connection);
        CommandExecutionStatus unknown = commands.awaitFinal("elsewhere-allowed");
        assertThat(unknown.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(unknown.conditions()).anySatisfy(c -> {
            assertThat(c.reason()).isEqualTo("ClusterNotFound");
            assertThat(c.message()).isEqualTo("no ClusterConnection " + connection + " in namespace " + operatorNamespace);
        });
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void wordsItCannotUnderstandFailWithSuggestions() {
        commands.create("bob", "vague", "request: make everything faster please");
        CommandExecutionStatus status = commands.awaitFinal("vague");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(status.conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("NotUnderstood"));
        assertThat(status.translation().suggestions()).isNotEmpty();
    }

    @Test
    void aStructuredCommandRunsWithoutTranslation() {
        commands.create("bob", "structured", "command: {verb: get, resource: {kind: Deployment}, name: web}");
        CommandExecutionStatus status = commands.awaitFinal("structured");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(status.translation().engine()).isEqualTo("user");
        assertThat(status.result().rows()).singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo("web"));
    }

    @Test
    void secretValuesInARequestNeverReachTheStatus() {
        commands.create("bob", "new-secret", "request: create secret db with password=hunter2");
        CommandExecutionStatus status = commands.awaitFinal("new-secret");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(status.conditions()).anySatisfy(c -> assertThat(c.message()).contains("create secret is not offered"));
        assertThat(Serialization.asJson(status)).doesNotContain("hunter2");
        assertThat(status.translation().command().arguments().data()).containsEntry("password", "***");
    }

    @Test
    void aRequestNamingAWordThatIsNoObjectAsksWithChoicesAndRunsNothing() {
        commands.create("bob", "ask-webby", "request: scale deployment webby to 3");
        CommandExecutionStatus status = commands.awaitFinal("ask-webby");

        assertThat(status.phase()).isEqualTo(ExecutionPhase.Failed);
        Clarification asked = status.translation().clarification();
        assertThat(asked.question()).contains("webby");
        assertThat(status.conditions()).extracting(Condition::type, Condition::reason, Condition::message)
                .contains(tuple("Translated", "NeedsClarification", asked.question()), tuple("Succeeded", "NeedsClarification", asked.question()));
        // Each choice is the same command for a deployment bob can see; "webby" itself is never used as a name.
        assertThat(asked.choices()).isNotEmpty().allSatisfy(choice -> {
            assertThat(choice.command().name()).isEqualTo("web");
            assertThat(choice.kubectl()).startsWith("kubectl scale deployment web").contains("--replicas=3");
        });
        assertThat(status.translation().command()).isNull();
        assertThat(status.authorization()).isNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOn("ask-webby")).containsExactly("Warning NeedsClarification"));
        assertThat(auditedSteps("ask-webby")).containsExactly("command_failed");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    }

    private List<AuditRecord> auditedRecords(String name) {
        return commands.audited(audit.ledger(), name);
    }

    private List<String> auditedSteps(String name) {
        return auditedRecords(name).stream().map(r -> r.event().eventType()).toList();
    }
}
