package io.kubechat.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.testsupport.OperatorRbac;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.OperatorProcess;
import io.kubechat.testsupport.WithLocalCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator, running with exactly the rights of its manifest
 * (operator/src/main/kubernetes/rbac.yaml), through failures while 200 mixed commands are in flight:
 * the operator killed with SIGKILL and restarted, or PostgreSQL stopped and started again. Every
 * command ends in exactly one final phase, no write starts twice, and the ledger verifies with one
 * execution record per execution. Runs in its own JVM (see the pom), with no operator in it.
 */
@WithLocalCluster
class OperatorCrashIT {

    private static final int COMMANDS = 200;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String operatorNamespace;
    private String namespace;
    private Path kubeconfig;
    private Path work;

    @BeforeEach
    void setUp(LocalCluster cluster) throws IOException {
        this.cluster = cluster;
        admin = cluster.admin();
        operatorNamespace = cluster.createNamespace("kubechat-crash");
        namespace = cluster.createNamespace("crash");
        cluster.installCrds(cluster.repoRoot().resolve("crds/generated"));
        cluster.installIdentityPolicies();
        kubeconfig = OperatorRbac.install(cluster, operatorNamespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get", "list", "watch"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        work = Files.createTempDirectory("kubechat-crash");
    }

    @Test
    void killedMidRunNothingRunsTwiceAndEverythingEnds() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            Process first = startOperator(jdbcUrl, "crash-operator-first");
            createCommands();
            awaitFinished(COMMANDS / 4, 120);
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
            long finishedAtKill = finished();

            Process second = startOperator(jdbcUrl, "crash-operator-second");
            try {
                awaitFinished(COMMANDS, 240);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(finishedAtKill).as("the kill came mid-run").isLessThan(COMMANDS);

            List<CommandExecution> all = allFinal();
            Map<String, Map<String, Integer>> recorded = recordedSteps(postgres);
            for (CommandExecution ce : all) {
                String name = ce.getMetadata().getName();
                boolean write = isWrite(name);
                if (write) {
                    assertThat(recorded.get("command_started").getOrDefault(name, 0)).as("starts of " + name).isLessThanOrEqualTo(1);
                }
                if (ce.getStatus().phase() == ExecutionPhase.Succeeded) {
                    // A read caught between its record and its status is run again after the restart, and
                    // recorded again: one record per execution, at most one execution per operator start.
                    assertThat(recorded.get("command_executed").get(name)).as("execution records of " + name).isBetween(1, write ? 1 : 2);
                    if (write) {
                        assertThat(admin.configMaps().inNamespace(namespace).withName("cm-" + name.substring(2)).get()).isNotNull();
                    }
                } else {
                    assertThat(ce.getStatus().phase()).as(name).isEqualTo(ExecutionPhase.Failed);
                    assertThat(write).as("only a write whose outcome is unknown may fail: " + name).isTrue();
                    assertThat(ce.getStatus().conditions()).as(name).anySatisfy(c -> assertThat(c.reason()).isEqualTo("OutcomeUnknown"));
                }
            }
        }
    }

    @Test
    void postgresStoppedMidRunNothingRunsUnauditedOrTwiceAndEverythingSucceedsOnceItIsBack() throws Exception {
        Path data = work.resolve("postgres");
        EmbeddedPostgres postgres = startPostgres(data, 0);
        int port = postgres.getPort();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        Process operator = startOperator(jdbcUrl, "outage-operator");
        try {
            createCommands();
            awaitFinished(COMMANDS / 4, 120);
            postgres.close();
            long finishedWhenStopped = finished();
            // Commands already running finish, their outcome not yet recorded (Audited=False); nothing else starts.
            Thread.sleep(10_000);
            postgres = startPostgres(data, port);
            awaitFinished(COMMANDS, 240);

            assertThat(finishedWhenStopped).as("the outage came mid-run").isLessThan(COMMANDS);
            List<CommandExecution> all = allFinal();
            assertThat(all).allSatisfy(ce -> assertThat(ce.getStatus().phase()).as(ce.getMetadata().getName()).isEqualTo(ExecutionPhase.Succeeded));
            Map<String, Map<String, Integer>> recorded = recordedSteps(postgres);
            for (CommandExecution ce : all) {
                String name = ce.getMetadata().getName();
                assertThat(recorded.get("command_started").get(name)).as("starts of " + name).isEqualTo(1);
                assertThat(recorded.get("command_executed").get(name)).as("execution records of " + name).isEqualTo(1);
                assertThat(ce.getStatus().auditRef().sequence()).as(name).isPositive();
                assertThat(ce.getStatus().conditions()).as(name).noneSatisfy(c -> {
                    assertThat(c.type()).isEqualTo("Audited");
                    assertThat(c.status().name()).isEqualTo("False");
                });
            }
        } finally {
            operator.destroy();
            operator.waitFor(10, TimeUnit.SECONDS);
            postgres.close();
        }
    }

    private Process startOperator(String jdbcUrl, String log) throws IOException {
        return OperatorProcess.start(cluster, kubeconfig, jdbcUrl, operatorNamespace, work.resolve("signing-key.pem").toString(),
                Path.of("target", log + ".log"));
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        var builder = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").setDataDirectory(data).setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    /** Half reads, half writes (each creating its own ConfigMap), as bob. */
    private void createCommands() {
        for (int i = 0; i < COMMANDS; i++) {
            String request = i % 2 == 0 ? "show pods" : "create configmap cm-" + i;
            String yaml = """
                    {"apiVersion":"kubechat.io/v1alpha1","kind":"CommandExecution","metadata":{"name":"c-%d"},
                     "spec":{"request":"%s","requester":{"user":"bob"}}}""".formatted(i, request);
            cluster.as("bob").resource(Serialization.unmarshal(yaml, CommandExecution.class)).inNamespace(namespace).create();
        }
    }

    private static boolean isWrite(String name) {
        return Integer.parseInt(name.substring(2)) % 2 == 1;
    }

    private List<CommandExecution> allFinal() {
        List<CommandExecution> all = admin.resources(CommandExecution.class).inNamespace(namespace).list().getItems();
        assertThat(all).hasSize(COMMANDS).allSatisfy(ce -> assertThat(ce.getStatus().phase().isTerminal()).isTrue());
        return all;
    }

    /** The ledger verifies; per event type, how many records each command has. */
    private Map<String, Map<String, Integer>> recordedSteps(EmbeddedPostgres postgres) throws IOException {
        try (AuditLedger ledger = AuditLedger.open(postgres.getPostgresDatabase(), SigningKey.loadOrGenerate(work.resolve("signing-key.pem")),
                LedgerConfig.defaults("kubechat.io/audit"))) {
            assertThat(ledger.verify().valid()).isTrue();
            Map<String, Map<String, Integer>> steps = new HashMap<>(Map.of("command_started", new HashMap<>(), "command_executed", new HashMap<>()));
            ledger.records(1, ledger.size(), r -> {
                String ref = r.event().commandRef();
                if (ref != null && ref.startsWith(namespace + "/")) {
                    steps.computeIfAbsent(r.event().eventType(), type -> new HashMap<>()).merge(ref.split("/")[1], 1, Integer::sum);
                }
                return true;
            });
            return steps;
        }
    }

    private long finished() {
        return admin.resources(CommandExecution.class).inNamespace(namespace).list().getItems().stream()
                .filter(ce -> ce.getStatus() != null && ce.getStatus().phase() != null && ce.getStatus().phase().isTerminal()).count();
    }

    private void awaitFinished(int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (finished() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(finished() + " of " + count + " commands finished after " + seconds + "s");
            }
            Thread.sleep(100);
        }
    }
}
