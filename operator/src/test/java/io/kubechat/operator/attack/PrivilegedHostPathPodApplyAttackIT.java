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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * M-2: a Pod with privileged, hostPID and a hostPath of / owns the node; so does a patch that adds them to
 * a workload, or a binding that grants cluster-admin. Whatever the verb (apply, create, patch), they must
 * wait for approval, and nothing may be created meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class PrivilegedHostPathPodApplyAttackIT {

    private static final String ROOT_POD = "{apiVersion: v1, kind: Pod, metadata: {name: root}, spec: {hostPID: true, "
            + "containers: [{name: c, image: busybox, securityContext: {privileged: true}, volumeMounts: [{name: h, mountPath: /host}]}], "
            + "volumes: [{name: h, hostPath: {path: /}}]}}";

    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        LocalCluster cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("root");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "alice", "ClusterRole", "admin");
        admin.apps().deployments().inNamespace(namespace).resource(io.kubechat.testsupport.TestWorkloads.deployment("web", 1)).create();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "apply-pod|{verb: apply, resource: {kind: Pod}, manifest: " + ROOT_POD + "}",
            "create-pod|{verb: create, resource: {kind: pod}, name: root, manifest: " + ROOT_POD + "}",
            "host-network-pod|{verb: apply, resource: {kind: Pod}, manifest: {apiVersion: v1, kind: Pod, metadata: {name: root}, spec: {hostNetwork: true, containers: [{name: c, image: busybox}]}}}",
            "capabilities-pod|{verb: apply, resource: {kind: Pod}, manifest: {apiVersion: v1, kind: Pod, metadata: {name: root}, spec: {containers: [{name: c, image: busybox, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}}}",
            "upper-case-field|{verb: apply, resource: {kind: Pod}, manifest: {apiVersion: v1, kind: Pod, metadata: {name: root}, spec: {HostPID: true, containers: [{name: c, image: busybox}]}}}",
            "json-patch-privileged|{verb: patch, resource: {kind: Deployment}, name: web, arguments: {patchType: json, patch: '[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/securityContext\",\"value\":{\"privileged\":true}}]'}}",
            "strategic-patch-hostpath|{verb: patch, resource: {kind: Deployment}, name: web, arguments: {patchType: strategic, patch: '{\"spec\":{\"template\":{\"spec\":{\"volumes\":[{\"name\":\"h\",\"hostPath\":{\"path\":\"/\"}}]}}}}'}}",
            "look-alike-field|{verb: patch, resource: {kind: Deployment}, name: web, arguments: {patchType: merge, patch: '{\"spec\":{\"template\":{\"spec\":{\"ho\u017ftPID\":true}}}}'}}",
            "role-binding|{verb: apply, resource: {kind: rolebinding}, manifest: {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: me-admin}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}, subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]}}"})
    void aWriteThatOwnsTheNodeOrGrantsRightsWaitsForApproval(String spelling, String command) {
        String name = "attack-" + spelling;
        commands.create("alice", name, "command: " + command);
        CommandExecutionStatus status = commands.await(name, s -> s.phase() == ExecutionPhase.AwaitingApproval || s.phase() != null && s.phase().isTerminal());

        assertThat(status.risk().level()).as(spelling).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(status.phase()).as(spelling).isEqualTo(ExecutionPhase.AwaitingApproval);
        assertThat(admin.pods().inNamespace(namespace).withName("root").get()).isNull();
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
    }

    @Test
    void aClusterRoleBindingToClusterAdminIsDestructiveHoweverItsKindIsSpelled() {
        commands.create("alice", "crb", "command: {verb: apply, resource: {kind: ClusterRoleBinding}, manifest: {apiVersion: rbac.authorization.k8s.io/v1, "
                + "kind: ClusterRoleBinding, metadata: {name: alice-root-" + namespace + "}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
                + "name: cluster-admin}, subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]}}");
        commands.create("alice", "crb-lower", "command: {verb: apply, resource: {kind: clusterrolebindings}, manifest: {apiVersion: rbac.authorization.k8s.io/v1, "
                + "kind: ClusterRoleBinding, metadata: {name: alice-root-" + namespace + "}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
                + "name: cluster-admin}, subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]}}");
        for (String name : List.of("crb", "crb-lower")) {
            CommandExecutionStatus status = commands.await(name, s -> s.risk() != null);
            assertThat(status.risk().level()).as(name).isEqualTo(RiskLevel.DESTRUCTIVE);
            assertThat(status.phase()).as(name).isNotEqualTo(ExecutionPhase.Succeeded);
        }
        assertThat(admin.rbac().clusterRoleBindings().withName("alice-root-" + namespace).get()).isNull();
    }
}
