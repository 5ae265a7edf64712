package io.kubechat.operator.attack;

import static io.kubechat.testsupport.TestWorkloads.deployment;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * M-2: scaling to zero waits for approval, so an editor spells it as a patch instead (merge, strategic
 * or JSON patch, an apply, a create with zero replicas). Each must wait for approval as destructive, and
 * the deployment must keep its pods meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class PatchReplicasToZeroRunsUnapprovedAttackIT {

    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        LocalCluster cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("zero");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "alice", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("checkout", 2)).create();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "merge-patch|{verb: patch, resource: {kind: Deployment}, name: checkout, arguments: {patchType: merge, patch: '{\"spec\":{\"replicas\":0}}'}}",
            "strategic-patch|{verb: patch, resource: {kind: deploy}, name: checkout, arguments: {patchType: strategic, patch: '{\"spec\":{\"replicas\":0}}'}}",
            "json-patch|{verb: patch, resource: {kind: deployments}, name: checkout, arguments: {patchType: json, patch: '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":0}]'}}",
            "json-patch-whole-spec|{verb: patch, resource: {kind: Deployment}, name: checkout, arguments: {patchType: json, patch: '[{\"op\":\"add\",\"path\":\"/spec/replicas\",\"value\":0.0}]'}}",
            "duplicate-key|{verb: patch, resource: {kind: Deployment}, name: checkout, arguments: {patchType: merge, patch: '{\"spec\":{\"replicas\":2,\"replicas\":0}}'}}",
            "apply|{verb: apply, resource: {kind: Deployment}, manifest: {apiVersion: apps/v1, kind: Deployment, metadata: {name: checkout}, spec: {replicas: 0}}}"})
    void aPatchOrApplyToZeroReplicasWaitsForApproval(String spelling, String command) {
        String name = "zero-by-" + spelling;
        commands.create("alice", name, "command: " + command);
        CommandExecutionStatus status = commands.await(name, s -> s.phase() == ExecutionPhase.AwaitingApproval || s.phase() != null && s.phase().isTerminal());

        assertThat(status.risk().level()).as(spelling).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(status.phase()).as(spelling).isEqualTo(ExecutionPhase.AwaitingApproval);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("checkout").get().getSpec().getReplicas()).isEqualTo(2);
    }
}
