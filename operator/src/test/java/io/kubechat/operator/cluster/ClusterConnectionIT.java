package io.kubechat.operator.cluster;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.ClusterConnectionSpec;
import io.kubechat.crds.v1alpha1.ClusterConnectionStatus;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The operator probes and runs commands on other clusters named by ClusterConnections: here second local API servers. */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ClusterConnectionIT {

    @Test
    void aSecondClusterIsReachableWithItsVersionThenUnreachableWhenItStops() throws Exception {
        LocalCluster local = LocalCluster.shared();
        KubernetesClient admin = local.admin();
        String namespace = OperatorOnLocalCluster.OPERATOR_NAMESPACE;
        String name = uniqueName("second");
        try (LocalCluster second = LocalCluster.startAnother(Path.of("target", "second-cluster"))) {
            admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                    .addToStringData("kubeconfig", Files.readString(second.kubeconfig("admin"))).build()).create();
            admin.resources(ClusterConnection.class).inNamespace(namespace).resource(connection(name, name)).create();

            ClusterConnectionStatus reachable = await(admin, namespace, name, s -> Boolean.TRUE.equals(s.reachable()));
            assertThat(reachable.serverVersion()).isEqualTo("v1.35.4");
            assertThat(reachable.conditions()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo("Reachable");
                assertThat(c.reason()).isEqualTo("Connected");
            });

            second.close();
            ClusterConnectionStatus lost = await(admin, namespace, name, s -> Boolean.FALSE.equals(s.reachable()));
            assertThat(lost.conditions().get(0).reason()).isEqualTo("Unreachable");
            assertThat(lost.conditions().get(0).message()).startsWith("cannot reach https://127.0.0.1:");
        }
    }

    @Test
    void aCommandNamingAConnectedClusterRunsThereWithThatClustersRightsAndNamespaces() throws Exception {
        LocalCluster local = LocalCluster.shared();
        KubernetesClient admin = local.admin();
        String namespace = local.createNamespace("remote-commands");
        local.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        local.bind(namespace, "alice", "Role", "kubechat-user");
        local.bind(namespace, "bob", "Role", "kubechat-user");
        try (LocalCluster remote = LocalCluster.startAnother(Path.of("target", "remote-cluster"))) {
            // Only there do the web deployment and alice's right to edit it exist.
            remote.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
            remote.admin().apps().deployments().inNamespace("shop").resource(deployment("web", 1)).create();
            remote.bind("shop", "alice", "ClusterRole", "edit");
            // bob sees web there (so his request names it) but may not change it.
            remote.bind("shop", "bob", "ClusterRole", "view");
            String operatorNamespace = OperatorOnLocalCluster.OPERATOR_NAMESPACE;
            String connectionName = uniqueName("remote");
            admin.secrets().inNamespace(operatorNamespace).resource(new SecretBuilder().withNewMetadata().withName(connectionName)
                    .endMetadata().addToStringData("kubeconfig", Files.readString(remote.kubeconfig("admin"))).build()).create();
            admin.resources(ClusterConnection.class).inNamespace(operatorNamespace).resource(connection(connectionName, connectionName, "shop"))
                    .create();
            // Both may use the connection; what they may do there is the remote cluster's RBAC.
            admin.rbac().roles().inNamespace(operatorNamespace).resource(new RoleBuilder().withNewMetadata().withName(connectionName).endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("clusterconnections")
                            .withResourceNames(connectionName).withVerbs("use").build()).build()).create();
            local.bind(operatorNamespace, "alice", "Role", connectionName);
            local.bind(operatorNamespace, "bob", "Role", connectionName);

            CommandExecutionStatus scaled = run(local, namespace, connectionName, "alice", "scale-there", "scale deployment web in shop to 3");
            assertThat(scaled.phase()).isEqualTo(ExecutionPhase.Succeeded);
            assertThat(remote.admin().apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(3);

            CommandExecutionStatus withoutRights = run(local, namespace, connectionName, "bob", "bob-there", "scale deployment web in shop to 5");
            assertThat(withoutRights.phase()).isEqualTo(ExecutionPhase.Denied);
            assertThat(withoutRights.authorization().reason()).contains("bob").contains("deployments");

            CommandExecutionStatus outsideAllowed = run(local, namespace, connectionName, "alice", "kube-system-there", "list pods in kube-system");
            assertThat(outsideAllowed.phase()).isEqualTo(ExecutionPhase.Denied);
            assertThat(outsideAllowed.authorization().reason())
                    .isEqualTo("ClusterConnection " + connectionName + " allows commands only in namespaces [shop]");
            assertThat(remote.admin().apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(3);
        }
    }

    @Test
    void aMissingSecretIsReportedAsSuch() {
        LocalCluster local = LocalCluster.shared();
        KubernetesClient admin = local.admin();
        String namespace = OperatorOnLocalCluster.OPERATOR_NAMESPACE;
        String name = uniqueName("ghost");
        admin.resources(ClusterConnection.class).inNamespace(namespace).resource(connection(name, "no-such-secret")).create();
        ClusterConnectionStatus status = await(admin, namespace, name, s -> s.conditions() != null);
        assertThat(status.reachable()).isFalse();
        assertThat(status.conditions().get(0).reason()).isEqualTo("SecretNotFound");
        assertThat(status.conditions().get(0).message()).isEqualTo("Secret no-such-secret not found in namespace " + namespace);
    }

    @Test
    void connectionsOutsideTheOperatorsNamespaceAreNotItsConcern() throws InterruptedException {
        LocalCluster local = LocalCluster.shared();
        String namespace = local.createNamespace("connections");
        local.admin().resources(ClusterConnection.class).inNamespace(namespace).resource(connection("elsewhere", "no-such-secret")).create();
        Thread.sleep(5_000);
        assertThat(local.admin().resources(ClusterConnection.class).inNamespace(namespace).withName("elsewhere").get().getStatus()).isNull();
    }

    /** The operator's namespace outlives a test run on a reused cluster: names there must not repeat. */
    private static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private static ClusterConnection connection(String name, String secret, String... allowedNamespaces) {
        ClusterConnection connection = Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ClusterConnection","metadata":{"name":"%s"},
                 "spec":{"displayName":"%s","kubeconfigSecretRef":{"name":"%s"}}}""".formatted(name, name, secret), ClusterConnection.class);
        if (allowedNamespaces.length == 0) {
            return connection;
        }
        var spec = connection.getSpec();
        connection.setSpec(new ClusterConnectionSpec(spec.displayName(), spec.kubeconfigSecretRef(), List.of(allowedNamespaces), null, null));
        return connection;
    }

    private static CommandExecutionStatus run(LocalCluster local, String namespace, String connection, String user, String name,
            String request) {
        CommandExecution ce = Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"CommandExecution","metadata":{"name":"%s"},
                 "spec":{"request":"%s","cluster":"%s","requester":{"user":"%s"}}}""".formatted(name, request, connection, user),
                CommandExecution.class);
        local.as(user).resource(ce).inNamespace(namespace).create();
        return local.admin().resources(CommandExecution.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().phase() != null && c.getStatus().phase().isTerminal(),
                        60, TimeUnit.SECONDS)
                .getStatus();
    }

    private static ClusterConnectionStatus await(KubernetesClient admin, String namespace, String name, Predicate<ClusterConnectionStatus> condition) {
        return admin.resources(ClusterConnection.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(c -> c != null && c.getStatus() != null && condition.test(c.getStatus()), 60, TimeUnit.SECONDS)
                .getStatus();
    }
}
