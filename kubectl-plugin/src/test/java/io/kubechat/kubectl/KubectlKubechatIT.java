package io.kubechat.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.cli.VerifyCommand;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.ChatSessionSpec;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.RealOperator;
import io.kubechat.testsupport.TestWorkloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * kubectl kubechat against the local cluster and the real operator: alice edits in a namespace, carol
 * may approve there. Most runs are in-process through picocli; one runs the launcher as kubectl does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlKubechatIT {

    private static LocalCluster cluster;
    private static RealOperator operator;
    private static String ns;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void startOperator() throws IOException {
        cluster = LocalCluster.shared();
        operator = RealOperator.start(cluster, "kubectl-plugin-operator.log");
        ns = cluster.createNamespace("plugin");
        cluster.bind(ns, "alice", "ClusterRole", "edit");
        cluster.createRole(ns, "kubechat-user", "kubechat.io", List.of("commandexecutions", "chatsessions"),
                List.of("create", "get", "list", "watch"));
        cluster.bind(ns, "alice", "Role", "kubechat-user");
        cluster.createRole(ns, "kubechat-approver", "kubechat.io", List.of("commandexecutions"),
                List.of("get", "list", "watch", "patch", "update", "approve"));
        cluster.bind(ns, "carol", "Role", "kubechat-approver");
    }

    @AfterAll
    static void stopOperator() throws Exception {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    @Order(1)
    void askScalesADeploymentAndPrintsPreviewAndResult() {
        deployment("web", 2);

        Run run = kubechat("alice", "ask", "scale web to 4", "-n", ns, "--timeout", "3m");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("created in namespace " + ns + " as alice")
                .contains("kubectl equivalent: kubectl scale deployment web --replicas=4")
                .contains("risk:               caution")
                .contains("Succeeded: deployment.apps/web scaled to 4");
        assertThat(cluster.admin().apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas()).isEqualTo(4);
        CommandExecution ce = onlyCommandFor("scale web to 4");
        assertThat(ce.getSpec().requester().user()).isEqualTo("alice");
        assertThat(ce.getStatus().auditRef().sequence()).isPositive();
    }

    @Test
    @Order(2)
    void aReadPrintsTheResultTable() {
        deployment("catalog", 1);

        Run run = kubechat("alice", "ask", "list", "deployments", "-n", ns, "--timeout", "3m");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("NAME\\s+READY").containsPattern("(?m)^catalog\\s+").containsPattern("(?m)^web\\s+");
    }

    @Test
    @Order(3)
    void aDestructiveAskWaitsForCarolsApprovalThenFinishes() throws Exception {
        deployment("legacy", 1);

        CompletableFuture<Run> ask = CompletableFuture.supplyAsync(() ->
                kubechat("alice", "ask", "delete deployment legacy", "-n", ns, "--wait-approval", "--timeout", "3m"));
        String name = awaitPhase("delete deployment legacy", ExecutionPhase.AwaitingApproval);
        assertThat(ask).isNotDone();

        Run approve = kubechat("carol", "approve", name, "-n", ns, "--reason", "legacy is retired");

        assertThat(approve.exitCode()).as(approve.toString()).isZero();
        assertThat(approve.out()).contains(name + " approved by carol");
        Run asked = ask.get(3, TimeUnit.MINUTES);
        assertThat(asked.exitCode()).as(asked.toString()).isZero();
        assertThat(asked.out()).contains("risk:               destructive")
                .contains("Awaiting approval:")
                .contains("kubectl kubechat approve " + name + " -n " + ns)
                .contains("Approved: approved by carol")
                .contains("Succeeded:");
        assertThat(cluster.admin().apps().deployments().inNamespace(ns).withName("legacy").get()).isNull();
        assertThat(cluster.admin().resources(CommandExecution.class).inNamespace(ns).withName(name).get().getSpec().approval().reason())
                .isEqualTo("legacy is retired");
    }

    @Test
    @Order(4)
    void aRejectedAskEndsRejectedWithANonZeroExit() throws Exception {
        deployment("cart", 1);

        CompletableFuture<Run> ask = CompletableFuture.supplyAsync(() ->
                kubechat("alice", "ask", "delete deployment cart", "-n", ns, "--wait-approval", "--timeout", "3m"));
        String name = awaitPhase("delete deployment cart", ExecutionPhase.AwaitingApproval);

        Run reject = kubechat("carol", "reject", name, "-n", ns, "--reason", "cart is still used");

        assertThat(reject.exitCode()).as(reject.toString()).isZero();
        Run asked = ask.get(3, TimeUnit.MINUTES);
        assertThat(asked.exitCode()).isEqualTo(ExitCodes.NOT_SUCCEEDED);
        assertThat(asked.err()).contains("Rejected (Rejected): rejected by carol: cart is still used");
        assertThat(cluster.admin().apps().deployments().inNamespace(ns).withName("cart").get()).isNotNull();
    }

    @Test
    @Order(5)
    void withoutWaitingAHeldAskExitsWithCodeThreeAndTheRequesterCannotApproveIt() {
        deployment("spare", 1);

        Run run = kubechat("alice", "ask", "delete deployment spare", "-n", ns, "--timeout", "3m");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(run.out()).contains("Not waiting (use --wait-approval to wait)");
        String name = onlyCommandFor("delete deployment spare").getMetadata().getName();
        // alice may not approve (not even patch) commands here: the API server refuses, and she is told why.
        Run selfApproval = kubechat("alice", "approve", name, "-n", ns);
        assertThat(selfApproval.exitCode()).isEqualTo(ExitCodes.NOT_SUCCEEDED);
        assertThat(selfApproval.err()).startsWith("error: ").contains("User \"alice\" cannot patch resource \"commandexecutions\"");
        assertThat(kubechat("carol", "reject", name, "-n", ns).exitCode()).isZero();
    }

    @Test
    @Order(6)
    void aHeldAskThatNobodyDecidesTimesOutWithCodeFour() {
        deployment("idle", 1);

        Run run = kubechat("alice", "ask", "delete deployment idle", "-n", ns, "--wait-approval", "--timeout", "3s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(run.err()).startsWith("timed out after 3s; commandexecution ask-");
        assertThat(cluster.admin().apps().deployments().inNamespace(ns).withName("idle").get()).isNotNull();
    }

    @Test
    @Order(6)
    void diagnoseSaysWhyADeploymentCrashesWithItsEvidenceAndAFix() {
        Deployment crashing = TestWorkloads.deployment("billing", 1);
        // kwok's kubechat-simulated-container-state stage (hack/kwok) reports what a kubelet would for a crash loop
        crashing.getSpec().getTemplate().getMetadata().getLabels().put("kubechat.io/simulate", "crashloop");
        cluster.admin().apps().deployments().inNamespace(ns).resource(crashing).create();
        cluster.admin().pods().inNamespace(ns).withLabel("app", "billing").waitUntilCondition(p -> p != null && p.getStatus() != null
                && p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null, 60, TimeUnit.SECONDS);

        Run run = kubechat("alice", "diagnose", "deploy/billing", "-n", ns, "--timeout", "3m");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("kubectl equivalent: kubectl kubechat diagnose deployment/billing -n " + ns)
                .contains("risk:               safe")
                .contains("keeps crashing with exit code 1")
                .contains("fix: kubectl rollout undo deployment billing -n " + ns);
        assertThat(kubechat("alice", "diagnose", "billing", "-n", ns).exitCode()).isEqualTo(2);
    }

    @Test
    @Order(7)
    void listAndSessionsShowWhatIsThere() {
        KubernetesClient alice = cluster.as("alice");
        ChatSession session = new ChatSession();
        session.getMetadata().setName("incident-7");
        session.setSpec(new ChatSessionSpec(new Identity("alice", null), "Web is slow", null, ns, null, null));
        alice.resources(ChatSession.class).inNamespace(ns).resource(session).create();

        Run inSession = kubechat("alice", "ask", "list deployments", "--session", "incident-7", "-n", ns, "--timeout", "3m");
        Run list = kubechat("alice", "list", "-n", ns);
        Run sessions = kubechat("alice", "sessions", "-n", ns);

        assertThat(inSession.exitCode()).as(inSession.toString()).isZero();
        assertThat(cluster.admin().resources(CommandExecution.class).inNamespace(ns).list().getItems())
                .filteredOn(ce -> ce.getSpec().sessionRef() != null)
                .singleElement().satisfies(ce -> assertThat(ce.getSpec().sessionRef().name()).isEqualTo("incident-7"));

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("NAME\\s+REQUESTER\\s+REQUEST\\s+VERB\\s+RISK\\s+PHASE")
                .containsPattern("alice\\s+scale web to 4\\s+scale\\s+caution\\s+Succeeded")
                .containsPattern("alice\\s+delete deployment cart\\s+delete\\s+destructive\\s+Rejected");
        assertThat(sessions.exitCode()).isZero();
        assertThat(sessions.out()).containsPattern(ns + "\\s+incident-7\\s+alice\\s+Web is slow\\s+" + ns);
    }

    @Test
    @Order(8)
    void theLauncherRunsAsAKubectlPlugin(@TempDir Path prefix) throws Exception {
        deployment("api", 1);
        Path jar = Path.of("target", "kubectl-kubechat.jar").toAbsolutePath();
        assertThat(jar).exists();
        // Installed as the README says: the launcher in PREFIX/bin (on the PATH), the jar in PREFIX/lib/kubechat.
        Path pathDir = Files.createDirectories(prefix.resolve("bin"));
        Files.copy(Path.of("bin", "kubectl-kubechat"), pathDir.resolve("kubectl-kubechat"));
        Files.setPosixFilePermissions(pathDir.resolve("kubectl-kubechat"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(jar, Files.createDirectories(prefix.resolve("lib/kubechat")).resolve("kubectl-kubechat.jar"));

        Run plugins = onPath(pathDir, "plugin", "list");
        Run asked = onPath(pathDir, "kubechat", "ask", "scale api to 3", "-n", ns, "--timeout", "3m");

        assertThat(plugins.exitCode()).as(plugins.toString()).isZero();
        assertThat(plugins.out()).contains(pathDir.resolve("kubectl-kubechat").toString()).doesNotContain("kubectl-kubechat.jar")
                .doesNotContainIgnoringCase("warning");
        assertThat(asked.exitCode()).as(asked.toString()).isZero();
        assertThat(asked.out()).contains("as alice").contains("Succeeded: deployment.apps/api scaled to 3");
        assertThat(cluster.admin().apps().deployments().inNamespace(ns).withName("api").get().getSpec().getReplicas()).isEqualTo(3);
    }

    /** The pinned kubectl as alice, with {@code pathDir} first on a minimal PATH and Java found by JAVA_HOME. */
    private static Run onPath(Path pathDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cluster.binDir().resolve("kubectl").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", pathDir + ":/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KUBECONFIG", cluster.kubeconfig("alice").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(4, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output, "");
    }

    @Test
    @Order(9)
    void auditVerifyReportsAValidChainAndExportsVerifyOffline(@TempDir Path dir) throws IOException {
        Path publicKey = dir.resolve("audit-public-key.pem");
        Files.writeString(publicKey, SigningKey.fromPem(Files.readString(operator.signingKey)).verificationKey().toPem());

        Run withSigningKey = kubechat(null, "audit", "verify", "--jdbc-url", operator.jdbcUrl, "--db-user", "postgres",
                "--signing-key", operator.signingKey.toString());
        Run withPublicKey = kubechat(null, "audit", "verify", "--jdbc-url", operator.jdbcUrl, "--db-user", "postgres",
                "--public-key", publicKey.toString());

        assertThat(withSigningKey.exitCode()).as(withSigningKey.toString()).isZero();
        assertThat(withSigningKey.out()).startsWith("VALID: ");
        assertThat(withPublicKey.exitCode()).as(withPublicKey.toString()).isZero();
        assertThat(withPublicKey.out()).startsWith("VALID: ");

        // The signing key may sign a checkpoint over the newest records; the public key exports what checkpoints cover.
        Path signedNow = dir.resolve("audit.jsonl");
        Run signing = kubechat(null, "audit", "export", "--format", "jsonl", "-o", signedNow.toString(), "--write-public-key",
                dir.resolve("written-key.pem").toString(), "--jdbc-url", operator.jdbcUrl, "--db-user", "postgres",
                "--signing-key", operator.signingKey.toString());
        assertThat(signing.exitCode()).as(signing.toString()).isZero();
        assertThat(signing.out()).startsWith("exported records 1 to ");
        assertThat(dir.resolve("written-key.pem")).hasSameTextualContentAs(publicKey);
        assertThat(offlineVerification(signedNow, publicKey)).isZero();
        for (String format : List.of("csv", "pdf")) {
            Path file = dir.resolve("audit." + format);
            Run export = kubechat(null, "audit", "export", "--format", format, "-o", file.toString(),
                    "--jdbc-url", operator.jdbcUrl, "--db-user", "postgres", "--public-key", publicKey.toString());
            assertThat(export.exitCode()).as(export.toString()).isZero();
            assertThat(offlineVerification(file, publicKey)).isZero();
        }
    }

    @Test
    @Order(10)
    void auditCommandsSayClearlyWhenTheDatabaseIsUnreachable() {
        Run verify = kubechat(null, "audit", "verify", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--db-user", "postgres",
                "--signing-key", operator.signingKey.toString());

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(verify.err()).startsWith("error: audit ledger").doesNotContain("\tat ");
    }

    @Test
    @Order(11)
    void auditVerifyFindsARewrittenRecord(@TempDir Path dir) throws Exception {
        Path publicKey = dir.resolve("audit-public-key.pem");
        Files.writeString(publicKey, SigningKey.fromPem(Files.readString(operator.signingKey)).verificationKey().toPem());
        // What only a database superuser can do: switch off the append-only triggers and rewrite history.
        try (Connection c = DriverManager.getConnection(operator.jdbcUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_record DISABLE TRIGGER USER");
            s.executeUpdate("UPDATE audit_record SET actor_user = 'mallory' WHERE seq = 2");
            s.execute("ALTER TABLE audit_record ENABLE TRIGGER USER");
        }

        Run verify = kubechat(null, "audit", "verify", "--jdbc-url", operator.jdbcUrl, "--db-user", "postgres",
                "--public-key", publicKey.toString());

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.NOT_SUCCEEDED);
        assertThat(verify.err()).startsWith("INVALID at sequence 2: ");
    }

    private static int offlineVerification(Path export, Path publicKey) {
        // The auditor's verifier from the audit-ledger module, offline, with the public key alone.
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        int exit = VerifyCommand.run(new String[] {export.toString(), publicKey.toString()}, print, print);
        assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
        return exit;
    }

    private static void deployment(String name, int replicas) {
        cluster.admin().apps().deployments().inNamespace(ns).resource(TestWorkloads.deployment(name, replicas)).create();
    }

    /** Runs the CLI in-process as {@code user} (null: no cluster access needed), capturing what it prints. */
    private static Run kubechat(String user, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (user != null) {
            all.addAll(List.of("--kubeconfig", cluster.kubeconfig(user).toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KubeChatCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static CommandExecution onlyCommandFor(String request) {
        List<CommandExecution> found = cluster.admin().resources(CommandExecution.class).inNamespace(ns).list().getItems().stream()
                .filter(ce -> request.equals(ce.getSpec().request())).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String awaitPhase(String request, ExecutionPhase phase) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            for (CommandExecution ce : cluster.admin().resources(CommandExecution.class).inNamespace(ns).list().getItems()) {
                if (request.equals(ce.getSpec().request()) && ce.getStatus() != null && ce.getStatus().phase() != null) {
                    if (ce.getStatus().phase() == phase) {
                        return ce.getMetadata().getName();
                    }
                    if (ce.getStatus().phase().isTerminal()) {
                        throw new AssertionError("'" + request + "' ended " + ce.getStatus().phase() + " instead of reaching " + phase
                                + ": " + ce.getStatus().conditions());
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no CommandExecution '" + request + "' reached " + phase);
    }
}
