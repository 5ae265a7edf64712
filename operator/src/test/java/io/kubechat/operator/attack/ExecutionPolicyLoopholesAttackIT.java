package io.kubechat.operator.attack;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.audit.AuditRecord;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * M-3: ExecutionPolicies that a tenant writes must not weaken what the operator enforces: an Allow rule
 * must not lift the hold on destructive commands, -A must not escape a namespace's Deny rule, a second
 * policy's approver groups must not widen the first's, and redaction keyPatterns must hide values.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ExecutionPolicyLoopholesAttackIT {

    @Inject
    AuditTrail audit;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("policy");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"), List.of("get", "patch", "approve"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "alice", "ClusterRole", "edit");
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
    }

    @AfterEach
    void tearDown() {
        cleanup.forEach(Runnable::run);
    }

    private void policy(String inNamespace, String name, String specJson) {
        ExecutionPolicy policy = admin.resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ExecutionPolicy","metadata":{"name":"%s","namespace":"%s"},"spec":%s}"""
                .formatted(name, inNamespace, specJson), ExecutionPolicy.class)).create();
        cleanup.add(() -> admin.resource(policy).delete());
    }

    @Test
    void aTenantsAllowRuleDoesNotLiftTheHoldOnADelete() {
        policy(namespace, "fast-lane", "{\"rules\":[{\"name\":\"allow-all\",\"action\":\"Allow\"}]}");
        commands.create("alice", "delete-web", "command: {verb: delete, resource: {kind: Deployment}, name: web}");
        CommandExecutionStatus status = commands.await("delete-web", s -> s.phase() == ExecutionPhase.AwaitingApproval || s.phase() != null && s.phase().isTerminal());
        assertThat(status.phase()).isEqualTo(ExecutionPhase.AwaitingApproval);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
    }

    @Test
    void allNamespacesDoesNotEscapeANamespacesDenyRule() {
        String guarded = cluster.createNamespace("guarded");
        admin.secrets().inNamespace(guarded).resource(new SecretBuilder().withNewMetadata().withName("demo").endMetadata()
                .addToStringData("k", "v").build()).create();
        policy(OperatorOnLocalCluster.OPERATOR_NAMESPACE, "no-secrets-" + guarded, """
                {"rules":[{"name":"no-secrets","action":"Deny","verbs":["get"],"kinds":["Secret"],"namespaces":["%s"]}]}""".formatted(guarded));
        String role = "read-secrets-" + namespace;
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(role).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("secrets").withVerbs("get", "list").build()).build()).create();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .addNewSubject().withKind("User").withName("alice").withApiGroup("rbac.authorization.k8s.io").endSubject().build()).create();
        cleanup.add(() -> admin.rbac().clusterRoleBindings().withName(role).delete());
        cleanup.add(() -> admin.rbac().clusterRoles().withName(role).delete());

        commands.create("alice", "there", "command: {verb: get, resource: {kind: Secret}, namespace: " + guarded + "}");
        assertThat(commands.awaitFinal("there").conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("DeniedByPolicy"));
        commands.create("alice", "everywhere", "command: {verb: get, resource: {kind: Secret}, allNamespaces: true, arguments: {output: yaml}}");
        CommandExecutionStatus everywhere = commands.awaitFinal("everywhere");
        assertThat(everywhere.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(everywhere.conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("DeniedByPolicy"));
        assertThat(everywhere.result()).isNull();
    }

    @Test
    void aSecondPolicysApproverGroupsDoNotWidenTheFirsts() {
        String target = cluster.createNamespace("target");
        cluster.bind(target, "alice", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(target).resource(deployment("api", 1)).create();
        policy(namespace, "leads-only", "{\"approval\":{\"approverGroups\":[\"sre-leads\"]}}");
        policy(target, "anyone", "{\"approval\":{\"approverGroups\":[\"" + LocalCluster.TEST_USERS_GROUP + "\"]}}");
        commands.create("alice", "delete-api", "command: {verb: delete, resource: {kind: Deployment}, name: api, namespace: " + target + "}");
        commands.await("delete-api", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        cluster.as("carol").resources(CommandExecution.class).inNamespace(namespace).withName("delete-api").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"approval\":{\"decision\":\"approved\",\"approver\":{\"user\":\"carol\",\"groups\":[\"" + LocalCluster.TEST_USERS_GROUP + "\"]}}}}");
        CommandExecutionStatus status = commands.awaitFinal("delete-api");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Rejected);
        assertThat(status.conditions()).anySatisfy(c -> assertThat(c.message()).contains("sre-leads"));
        assertThat(admin.apps().deployments().inNamespace(target).withName("api").get()).isNotNull();
    }

    @Test
    void redactionKeyPatternsHideValuesInResultsAndTheLedger() {
        policy(namespace, "redact", "{\"redaction\":{\"keyPatterns\":[\"(?i)password\"]}}");
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("db").endMetadata()
                .addToData("DB_PASSWORD", "hunter2").addToData("host", "db.local").build()).create();
        commands.create("alice", "read-db", "command: {verb: get, resource: {kind: ConfigMap}, name: db, arguments: {output: yaml}}");
        commands.create("alice", "describe-db", "command: {verb: describe, resource: {kind: cm}, name: db}");
        for (String name : List.of("read-db", "describe-db")) {
            CommandExecutionStatus status = commands.awaitFinal(name);
            assertThat(status.phase()).as(name).isEqualTo(ExecutionPhase.Succeeded);
            assertThat(status.result().text()).as(name).contains("DB_PASSWORD").contains("db.local").doesNotContain("hunter2");
            assertThat(commands.audited(audit.ledger(), name)).extracting(AuditRecord::event).allSatisfy(e ->
                    assertThat(String.valueOf(e.result())).doesNotContain("hunter2"));
        }
    }
}
