package io.kubechat.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.OperatorProcess;
import io.kubechat.testsupport.WithLocalCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator killed with SIGKILL while 200 commands are in flight, then restarted: every
 * command ends in exactly one final phase, no write starts twice, and the ledger verifies with one
 * execution record per execution (only reads are ever executed again). Runs in its own JVM (see the
 * pom), with no operator in it.
 */
@WithLocalCluster
class OperatorCrashIT {

    private static final int COMMANDS = 200;

    @Test
    void killedMidRunNothingRunsTwiceAndEverythingEnds(LocalCluster cluster) throws Exception {
        KubernetesClient admin = cluster.admin();
        String operatorNamespace = cluster.createNamespace("kubechat-crash");
        String namespace = cluster.createNamespace("crash");
        cluster.installCrds(cluster.repoRoot().resolve("crds/generated"));
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get", "list", "watch"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        Path work = Files.createTempDirectory("kubechat-crash");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            String signingKey = work.resolve("signing-key.pem").toString();
            Process first = OperatorProcess.start(cluster, jdbcUrl, operatorNamespace, signingKey, Path.of("target", "crash-operator-first.log"));
            for (int i = 0; i < COMMANDS; i++) {
                String request = i % 2 == 0 ? "show pods" : "create configmap cm-" + i;
                String yaml = """
                        {"apiVersion":"kubechat.io/v1alpha1","kind":"CommandExecution","metadata":{"name":"c-%d"},
                         "spec":{"request":"%s","requester":{"user":"bob"}}}""".formatted(i, request);
                cluster.as("bob").resource(Serialization.unmarshal(yaml, CommandExecution.class)).inNamespace(namespace).create();
            }
            awaitFinished(admin, namespace, COMMANDS / 4, 120);
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
            long finishedAtKill = finished(admin, namespace);

            Process second = OperatorProcess.start(cluster, jdbcUrl, operatorNamespace, signingKey, Path.of("target", "crash-operator-second.log"));
            try {
                awaitFinished(admin, namespace, COMMANDS, 240);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(finishedAtKill).as("the kill came mid-run").isLessThan(COMMANDS);

            List<CommandExecution> all = admin.resources(CommandExecution.class).inNamespace(namespace).list().getItems();
            assertThat(all).hasSize(COMMANDS).allSatisfy(ce -> assertThat(ce.getStatus().phase().isTerminal()).isTrue());

            try (AuditLedger ledger = AuditLedger.open(postgres.getPostgresDatabase(),
                    SigningKey.loadOrGenerate(work.resolve("signing-key.pem")), LedgerConfig.defaults("kubechat.io/audit"))) {
                assertThat(ledger.verify().valid()).isTrue();
                Map<String, Integer> started = new HashMap<>();
                Map<String, Integer> executed = new HashMap<>();
                ledger.records(1, ledger.size(), r -> {
                    String ref = r.event().commandRef();
                    String name = ref == null ? null : ref.split("/")[1];
                    if ("command_started".equals(r.event().eventType())) {
                        started.merge(name, 1, Integer::sum);
                    } else if ("command_executed".equals(r.event().eventType())) {
                        executed.merge(name, 1, Integer::sum);
                    }
                    return true;
                });
                for (CommandExecution ce : all) {
                    String name = ce.getMetadata().getName();
                    boolean write = Integer.parseInt(name.substring(2)) % 2 == 1;
                    if (write) {
                        assertThat(started.getOrDefault(name, 0)).as("starts of " + name).isLessThanOrEqualTo(1);
                    }
                    if (ce.getStatus().phase() == ExecutionPhase.Succeeded) {
                        // A read caught between its record and its status is run again after the restart, and
                        // recorded again: one record per execution, at most one execution per operator start.
                        assertThat(executed.get(name)).as("execution records of " + name).isBetween(1, write ? 1 : 2);
                        if (write) {
                            assertThat(admin.configMaps().inNamespace(namespace).withName("cm-" + name.substring(2)).get()).isNotNull();
                        }
                    } else {
                        assertThat(ce.getStatus().phase()).as(name).isEqualTo(ExecutionPhase.Failed);
                        assertThat(write).as("only a write whose outcome is unknown may fail: " + name).isTrue();
                        assertThat(ce.getStatus().conditions()).as(name)
                                .anySatisfy(c -> assertThat(c.reason()).isEqualTo("OutcomeUnknown"));
                    }
                }
            }
        }
    }

    private static long finished(KubernetesClient admin, String namespace) {
        return admin.resources(CommandExecution.class).inNamespace(namespace).list().getItems().stream()
                .filter(ce -> ce.getStatus() != null && ce.getStatus().phase() != null && ce.getStatus().phase().isTerminal()).count();
    }

    private static void awaitFinished(KubernetesClient admin, String namespace, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (finished(admin, namespace) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(finished(admin, namespace) + " of " + count + " commands finished after " + seconds + "s");
            }
            Thread.sleep(100);
        }
    }
}
