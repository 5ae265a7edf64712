package io.kubechat.operator.attack;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * M-7: spec.cluster picks any ClusterConnection. Whoever may create a CommandExecution anywhere must not
 * thereby run commands on every connected cluster: the requester needs "use" on that connection. And the
 * groups the local cluster gave them must not be claimed on the other cluster unless the connection
 * forwards them. The connection here leads back to the local API server, which plays the other cluster.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ClusterConnectionUsedWithoutRightAttackIT {

    private static final String OPERATOR_NAMESPACE = OperatorOnLocalCluster.OPERATOR_NAMESPACE;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;
    private String connection;

    @BeforeEach
    void setUp() throws Exception {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("conn");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "view");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
        connection = "staging-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        admin.secrets().inNamespace(OPERATOR_NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(connection).endMetadata()
                .addToStringData("kubeconfig", Files.readString(cluster.kubeconfig("admin"))).build()).create();
        admin.resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ClusterConnection","metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"displayName":"staging","kubeconfigSecretRef":{"name":"%s"}}}""".formatted(connection, OPERATOR_NAMESPACE, connection),
                ClusterConnection.class)).create();
    }

    private void mayUse(String user) {
        String name = connection + "-" + user;
        admin.rbac().roles().inNamespace(OPERATOR_NAMESPACE).resource(new RoleBuilder().withNewMetadata().withName(name).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("clusterconnections")
                        .withResourceNames(connection).withVerbs("use").build()).build()).create();
        admin.rbac().roleBindings().inNamespace(OPERATOR_NAMESPACE).resource(new RoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                .addNewSubject().withKind("User").withName(user).withApiGroup("rbac.authorization.k8s.io").endSubject().build()).create();
    }

    @Test
    void aRequesterWithoutUseOnTheConnectionIsDenied() {
        commands.create("bob", "on-staging", "command: {verb: get, resource: {kind: Pod}}\ncluster: " + connection);
        CommandExecutionStatus status = commands.awaitFinal("on-staging");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(status.authorization().reason()).contains("use").contains(connection);
        assertThat(status.result()).isNull();
    }

    @Test
    void theRightToUseOneConnectionIsNotTheRightToUseAnother() {
        mayUse("bob");
        commands.create("bob", "on-staging-allowed", "command: {verb: get, resource: {kind: Pod}}\ncluster: " + connection);
        assertThat(commands.awaitFinal("on-staging-allowed").phase()).isEqualTo(ExecutionPhase.Succeeded);
        commands.create("bob", "on-other", "command: {verb: get, resource: {kind: Pod}}\ncluster: " + connection + "x");
        assertThat(commands.awaitFinal("on-other").phase()).isNotEqualTo(ExecutionPhase.Succeeded);
    }

    @Test
    void localGroupsAreNotClaimedOnTheOtherClusterUnlessTheConnectionForwardsThem() {
        mayUse("alice");
        // On the "other" cluster, the local test-users group may edit: alice's local group must not earn her that there.
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata().withName("group-edit").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
                .addNewSubject().withKind("Group").withName(LocalCluster.TEST_USERS_GROUP).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        commands.create("alice", "group-scale", "command: {verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 3}}\ncluster: "
                + connection);
        CommandExecutionStatus status = commands.awaitFinal("group-scale");
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(1);
    }
}
