package io.kubechat.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.access.ResourceKind;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands run as the requester against the real API server, which enforces RBAC on every call. */
@WithLocalCluster
class CommandExecutorIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Identity ALICE = new Identity("alice", List.of(LocalCluster.TEST_USERS_GROUP));
    private static final Identity BOB = new Identity("bob", List.of(LocalCluster.TEST_USERS_GROUP));

    private LocalCluster cluster;
    private String namespace;
    private RequesterClients requesters;
    private KindResolver kinds;
    private final CommandExecutor executor = new CommandExecutor(new TableReader(ResultLimits.STATUS, 10));

    @BeforeEach
    void setUp(LocalCluster cluster) {
        this.cluster = cluster;
        namespace = cluster.createNamespace("exec");
        bind("alice", "view");
        bind("bob", "edit");
        requesters = new RequesterClients(cluster.admin());
        kinds = new KindResolver(cluster.admin());
        cluster.admin().apps().deployments().inNamespace(namespace).resource(deployment("web", 2)).create();
        awaitReady("web", 2);
    }

    @Test
    void getListsRowsWithKubectlsColumnsAsTheRequester() {
        CommandResult deployments = run(ALICE, "{verb: get, resource: {kind: Deployment}}");
        assertThat(deployments.columns()).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(deployments.rows()).singleElement().satisfies(row -> assertThat(row.subList(0, 2)).containsExactly("web", "2/2"));
        assertThat(deployments.truncated()).isFalse();

        CommandResult pods = run(ALICE, "{verb: get, resource: {kind: pods}, selector: {labels: app=web}, arguments: {output: wide}}");
        assertThat(pods.columns()).contains("NAME", "READY", "STATUS", "NODE");
        assertThat(pods.rows()).hasSize(2).allSatisfy(row -> assertThat(row.get(2)).isEqualTo("Running"));
        assertThat(pods.summary()).isEqualTo("2 pods");
    }

    @Test
    void allNamespacesAddsTheNamespaceColumn() {
        Identity admin = new Identity("kubechat-admin", List.of("system:masters"));
        CommandResult result = executor.execute(requesters.as(admin), command("{verb: get, resource: {kind: Deployment}, allNamespaces: true}"),
                kind("Deployment"), null);
        assertThat(result.columns()).startsWith("NAMESPACE", "NAME");
        assertThat(result.rows()).anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly(namespace, "web"));
    }

    @Test
    void theApiServerRefusesWhatTheRequesterMayNotDoEvenIfTheOperatorMay() {
        assertThatThrownBy(() -> run(ALICE, "{verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 5}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("User \"alice\" cannot patch resource \"deployments/scale\"");
        assertThat(cluster.admin().apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void scaleReallyScalesAndKwokRunsTheNewPods() {
        CommandResult result = run(BOB, "{verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 4}}");
        assertThat(result.summary()).isEqualTo("deployment.apps/web scaled to 4");
        awaitReady("web", 4);
        assertThat(cluster.admin().pods().inNamespace(namespace).withLabel("app", "web").list().getItems())
                .hasSize(4).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    }

    @Test
    void deleteRemovesTheObjectOnce() {
        assertThat(run(BOB, "{verb: delete, resource: {kind: Deployment}, name: web}").summary()).isEqualTo("deployment.apps/web deleted");
        cluster.admin().apps().deployments().inNamespace(namespace).withName("web").waitUntilCondition(d -> d == null, 30, TimeUnit.SECONDS);
        assertThat(run(BOB, "{verb: delete, resource: {kind: Deployment}, name: web}").summary()).isEqualTo("deployment.apps/web was already gone");
    }

    @Test
    void aVerbThisVersionCannotRunFailsWithAClearMessage() {
        assertThatThrownBy(() -> run(BOB, "{verb: rollout-restart, resource: {kind: Deployment}, name: web}"))
                .isInstanceOf(UnsupportedVerbException.class)
                .hasMessage("this operator version cannot run 'rollout-restart' yet");
    }

    private CommandResult run(Identity requester, String commandJson) {
        Command command = command(commandJson);
        return executor.execute(requesters.as(requester), command, kind(command.resource().kind()), namespace);
    }

    private ResourceKind kind(String name) {
        return kinds.resolve(new ResourceType(name, null)).orElseThrow();
    }

    private static Command command(String yaml) {
        try {
            return YAML.readValue(yaml, Command.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }

    private void bind(String user, String clusterRole) {
        cluster.admin().rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(user + "-" + clusterRole).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject().withKind("User").withName(user).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
    }

    private void awaitReady(String name, int replicas) {
        KubernetesClient admin = cluster.admin();
        admin.apps().deployments().inNamespace(namespace).withName(name).waitUntilCondition(
                d -> d.getStatus() != null && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                        && Integer.valueOf(replicas).equals(d.getStatus().getReplicas()), 60, TimeUnit.SECONDS);
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
