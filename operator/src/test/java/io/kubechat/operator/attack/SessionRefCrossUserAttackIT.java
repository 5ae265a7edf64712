package io.kubechat.operator.attack;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.session.ChatMessages;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * M-6: spec.sessionRef names any ChatSession of the namespace. Bob, who may create sessions but not
 * delete commands, names his session like alice's: her commands must not take his session's namespace
 * or land in his history, and his session's expiry must not make the operator delete her commands.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class SessionRefCrossUserAttackIT {

    @Inject
    ChatMessages messages;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("sessionref");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions", "chatsessions"), List.of("create", "get", "list"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "alice", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
    }

    private void session(String owner, String name, String specExtra) {
        cluster.as(owner).resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ChatSession","metadata":{"name":"%s"},
                 "spec":{"owner":{"user":"%s"}%s}}""".formatted(name, owner, specExtra), ChatSession.class)).inNamespace(namespace).create();
    }

    @Test
    void anotherUsersSessionGivesNeitherItsNamespaceNorItsHistory() {
        String payments = cluster.createNamespace("payments");
        cluster.bind(payments, "alice", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(payments).resource(deployment("web", 1)).create();
        session("bob", "triage", ",\"namespace\":\"" + payments + "\"");

        commands.create("alice", "alice-scale", "command: {verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 3}}\n"
                + "sessionRef: {name: triage}");
        CommandExecutionStatus status = commands.awaitFinal("alice-scale");

        assertThat(status.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(status.conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("SessionNotYours"));
        assertThat(admin.apps().deployments().inNamespace(payments).withName("web").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(messages.history().count(namespace, "triage")).isZero();
    }

    @Test
    void aSessionSharedWithTheRequesterIsHonoured() {
        String payments = cluster.createNamespace("payments");
        cluster.bind(payments, "alice", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(payments).resource(deployment("web", 1)).create();
        session("bob", "shared", ",\"namespace\":\"" + payments + "\",\"sharedWith\":[\"alice\"]");

        commands.create("alice", "alice-shared", "command: {verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 3}}\n"
                + "sessionRef: {name: shared}");
        assertThat(commands.awaitFinal("alice-shared").phase()).isEqualTo(ExecutionPhase.Succeeded);
        assertThat(admin.apps().deployments().inNamespace(payments).withName("web").get().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void anExpiringSessionOfAnotherUserDoesNotDeleteCommandsThatNameIt() {
        commands.create("alice", "alice-pending", "command: {verb: delete, resource: {kind: Deployment}, name: web}\nsessionRef: {name: triage}");
        commands.await("alice-pending", s -> s.phase() != null);
        session("bob", "triage", ",\"retention\":\"1s\"");

        admin.resources(ChatSession.class).inNamespace(namespace).withName("triage").waitUntilCondition(s -> s == null, 90, TimeUnit.SECONDS);

        CommandExecution survivor = admin.resources(CommandExecution.class).inNamespace(namespace).withName("alice-pending").get();
        assertThat(survivor).isNotNull();
        assertThat(survivor.getMetadata().getDeletionTimestamp()).isNull();
    }
}
