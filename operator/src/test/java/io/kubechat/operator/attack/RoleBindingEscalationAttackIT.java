package io.kubechat.operator.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KubeChat can create role bindings; bob, an admin of one namespace, asks it to bind himself to cluster-admin
 * there, and carol approves without looking. The binding runs as bob, impersonated, so the API server's
 * escalation check refuses what bob could not grant himself with kubectl: KubeChat adds no rights of its own.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class RoleBindingEscalationAttackIT {

    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        LocalCluster cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("escalate");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"),
                List.of("get", "list", "watch", "update", "patch", "approve"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "admin");
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
    }

    @Test
    void anApprovedBindingToMoreThanTheRequesterHoldsIsRefusedByTheApiServer() {
        commands.create("bob", "bob-root", "command: {verb: create, resource: {kind: RoleBinding}, name: bob-root,"
                + " arguments: {clusterRole: cluster-admin, users: [bob]}}");
        CommandExecutionStatus held = commands.await("bob-root", s -> s.phase() == ExecutionPhase.AwaitingApproval || s.phase() != null && s.phase().isTerminal());
        assertThat(held.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(held.phase()).isEqualTo(ExecutionPhase.AwaitingApproval);

        commands.approve("carol", "bob-root");
        CommandExecutionStatus done = commands.awaitFinal("bob-root");

        assertThat(done.phase()).as(String.valueOf(done.conditions())).isNotEqualTo(ExecutionPhase.Succeeded);
        assertThat(done.conditions()).anySatisfy(c -> assertThat(c.message()).contains("is attempting to grant RBAC permissions not currently held"));
        assertThat(admin.rbac().roleBindings().inNamespace(namespace).withName("bob-root").get()).isNull();
    }

    @Test
    void aBindingWithinTheRequestersOwnRightsRunsOnceApproved() {
        commands.create("bob", "alice-view", "command: {verb: create, resource: {kind: RoleBinding}, name: alice-view,"
                + " arguments: {clusterRole: view, users: [alice]}}");
        commands.await("alice-view", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        commands.approve("carol", "alice-view");

        assertThat(commands.awaitFinal("alice-view").phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(admin.rbac().roleBindings().inNamespace(namespace).withName("alice-view").get().getRoleRef().getName()).isEqualTo("view");
    }
}
