package io.kubechat.operator;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.OperatorProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

        var config = ConfigProvider.getConfig();
        Process standby = OperatorProcess.start(cluster, config.getValue("quarkus.datasource.jdbc.url", String.class),
                OperatorOnLocalCluster.OPERATOR_NAMESPACE, config.getValue("kubechat.audit.signing-key-file", String.class),
                Path.of("target", "second-operator.log"));
        try {
            String namespace = cluster.createNamespace("leader");
            cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get", "list", "watch"));
            cluster.bind(namespace, "bob", "Role", "kubechat-user");
            cluster.bind(namespace, "bob", "ClusterRole", "edit");
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
}
