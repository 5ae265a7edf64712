package io.kubechat.operator.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.ProcessResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's kubectl flow with the files in examples/, verbatim: alice applies them in the demo's
 * shop namespace, every command runs once, and applying the same files again changes nothing and
 * runs nothing.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ExamplesIT {

    private static final List<String> COMMANDS = List.of("scale-checkout", "checkout-to-5", "api-logs", "apply-settings");

    @Inject
    AuditTrail audit;

    @Test
    void applyingTheExamplesRunsEachCommandOnceAndReapplyingChangesNothing() {
        LocalCluster cluster = LocalCluster.shared();
        KubernetesClient admin = cluster.admin();
        Path examples = cluster.repoRoot().resolve("examples");
        cluster.apply(examples.resolve("demo/workloads.yaml"), examples.resolve("demo/rbac.yaml"));
        admin.apps().deployments().inNamespace("shop").withName("api").waitUntilCondition(
                d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null, 60, TimeUnit.SECONDS);
        List<String> files = List.of("chatsession.yaml", "commandexecution-request.yaml", "commandexecution-command.yaml",
                "commandexecution-logs.yaml", "commandexecution-apply.yaml");
        String[] apply = applyArguments(examples, files);

        ProcessResult first = cluster.kubectl("alice", apply);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        for (String name : COMMANDS) {
            CommandExecution done = admin.resources(CommandExecution.class).inNamespace("shop").withName(name).waitUntilCondition(
                    c -> c.getStatus() != null && c.getStatus().phase() != null && c.getStatus().phase().isTerminal(), 60, TimeUnit.SECONDS);
            assertThat(done.getStatus().phase()).as(name + ": " + done.getStatus().conditions()).isEqualTo(ExecutionPhase.Succeeded);
        }
        assertThat(admin.apps().deployments().inNamespace("shop").withName("checkout").get().getSpec().getReplicas()).isEqualTo(5);
        assertThat(admin.configMaps().inNamespace("shop").withName("checkout-settings").get().getData()).containsEntry("currency", "EUR");
        Map<String, String> versions = resourceVersions(admin);
        long records = audit.ledger().size();
        long checkoutGeneration = admin.apps().deployments().inNamespace("shop").withName("checkout").get().getMetadata().getGeneration();

        ProcessResult again = cluster.kubectl("alice", apply);
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout().lines()).hasSize(files.size()).allSatisfy(line -> assertThat(line).endsWith(" unchanged"));

        assertThat(resourceVersions(admin)).isEqualTo(versions);
        assertThat(audit.ledger().size()).isEqualTo(records);
        assertThat(admin.apps().deployments().inNamespace("shop").withName("checkout").get().getMetadata().getGeneration())
                .isEqualTo(checkoutGeneration);
    }

    private static String[] applyArguments(Path examples, List<String> files) {
        List<String> arguments = new ArrayList<>(List.of("apply", "-n", "shop"));
        files.forEach(file -> arguments.addAll(List.of("-f", examples.resolve(file).toString())));
        return arguments.toArray(String[]::new);
    }

    private static Map<String, String> resourceVersions(KubernetesClient admin) {
        return admin.resources(CommandExecution.class).inNamespace("shop").list().getItems().stream()
                .filter(ce -> COMMANDS.contains(ce.getMetadata().getName()))
                .collect(Collectors.toMap(ce -> ce.getMetadata().getName(), ce -> ce.getMetadata().getResourceVersion()));
    }
}
