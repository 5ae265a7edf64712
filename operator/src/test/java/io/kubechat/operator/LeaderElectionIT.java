package io.kubechat.operator;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Two operator processes on one cluster and one ledger: the one holding the lease works, the other
 * stands by, and every command is started and executed exactly once.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class LeaderElectionIT {

    private static final int COMMANDS = 10;

    @Inject
    AuditTrail audit;

    @Test
    void aSecondReplicaStandsByAndNothingRunsTwice() throws IOException, InterruptedException {
        LocalCluster cluster = LocalCluster.shared();
        KubernetesClient admin = cluster.admin();
        Lease lease = admin.leases().inNamespace(OperatorOnLocalCluster.OPERATOR_NAMESPACE).withName(OperatorLifecycle.LEASE_NAME)
                .waitUntilCondition(l -> l != null && l.getSpec().getHolderIdentity() != null, 60, TimeUnit.SECONDS);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(OperatorLifecycle.identity());

        Process standby = startSecondOperator(cluster);
        try {
            String namespace = cluster.createNamespace("leader");
            admin.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName("kubechat-user").endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("commandexecutions")
                            .withVerbs("create", "get", "list", "watch").build()).build()).create();
            bind(admin, namespace, "Role", "kubechat-user");
            bind(admin, namespace, "ClusterRole", "edit");
            admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
            Thread.sleep(3000);

            for (int i = 0; i < COMMANDS; i++) {
                String yaml = """
                        {"apiVersion":"kubechat.io/v1alpha1","kind":"CommandExecution","metadata":{"name":"scale-%d"},
                         "spec":{"request":"scale web to %d","requester":{"user":"bob"}}}""".formatted(i, i + 2);
                cluster.as("bob").resource(Serialization.unmarshal(yaml, CommandExecution.class)).inNamespace(namespace).create();
            }
            for (int i = 0; i < COMMANDS; i++) {
                CommandExecution done = admin.resources(CommandExecution.class).inNamespace(namespace).withName("scale-" + i)
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().phase() != null && c.getStatus().phase().isTerminal(),
                                60, TimeUnit.SECONDS);
                assertThat(done.getStatus().phase()).isEqualTo(ExecutionPhase.Succeeded);
            }

            Map<String, Integer> starts = new HashMap<>();
            audit.ledger().records(1, audit.ledger().size(), r -> {
                String ref = r.event().commandRef();
                if (ref != null && ref.startsWith(namespace + "/") && "command_started".equals(r.event().eventType())) {
                    starts.merge(ref, 1, Integer::sum);
                }
                return true;
            });
            assertThat(starts).hasSize(COMMANDS).allSatisfy((ref, count) -> assertThat(count).as(ref).isEqualTo(1));
            assertThat(standby.isAlive()).as("the standby waits for the lease").isTrue();
            assertThat(admin.leases().inNamespace(OperatorOnLocalCluster.OPERATOR_NAMESPACE).withName(OperatorLifecycle.LEASE_NAME).get()
                    .getSpec().getHolderIdentity()).isEqualTo(OperatorLifecycle.identity());
        } finally {
            standby.destroy();
            standby.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The packaged operator, configured exactly as this test's, in its own process. */
    private static Process startSecondOperator(LocalCluster cluster) throws IOException {
        var config = ConfigProvider.getConfig();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "second-operator.log").toFile());
        builder.environment().put("KUBECONFIG", cluster.kubeconfig("admin").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", config.getValue("quarkus.datasource.jdbc.url", String.class));
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("KUBECHAT_OPERATOR_NAMESPACE", OperatorOnLocalCluster.OPERATOR_NAMESPACE);
        builder.environment().put("KUBECHAT_AUDIT_SIGNING_KEY_FILE", config.getValue("kubechat.audit.signing-key-file", String.class));
        return builder.start();
    }

    private static void bind(KubernetesClient admin, String namespace, String kind, String role) {
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("bob-" + role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", kind, role)
                .addNewSubject().withKind("User").withName("bob").withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
    }
}
