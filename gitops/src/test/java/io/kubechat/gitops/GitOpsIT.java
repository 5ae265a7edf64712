package io.kubechat.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.crds.v1alpha1.ApprovalPolicy;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.ExecutionPolicySpec;
import io.kubechat.gitops.ArgoHealthCheck.Health;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.ProcessResult;
import io.kubechat.testsupport.RealOperator;
import io.kubechat.testsupport.TestWorkloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Argo CD story against the real operator: the health check, run with luaj, on CommandExecutions
 * as the API server returns them in each phase the operator reaches; and re-syncs of gitops/commands/
 * by server-side apply, as Argo CD's application controller, that run nothing twice.
 */
class GitOpsIT {

    private static final ResourceDefinitionContext CE = new ResourceDefinitionContext.Builder()
            .withGroup("kubechat.io").withVersion("v1alpha1").withKind("CommandExecution").withPlural("commandexecutions")
            .withNamespaced(true).build();
    private static final String ARGOCD_USER = "system:serviceaccount:argocd:argocd-application-controller";

    private static LocalCluster cluster;
    private static RealOperator operator;
    private static String ns;
    private final ArgoHealthCheck health = new ArgoHealthCheck(ArgoHealthCheck.SCRIPT);

    @BeforeAll
    static void startOperator() throws IOException {
        cluster = LocalCluster.shared();
        operator = RealOperator.start(cluster, "gitops-operator.log");
        ns = cluster.createNamespace("gitops");
        grantKubeChatUse(ns, "alice", "edit");
        grantKubeChatUse(ns, "bob", "view");
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
    void aNewCommandIsProgressingAndASucceededOneHealthy() {
        deployment(ns, "web");

        GenericKubernetesResource created = create("alice", ns, "scale-web", "scale web to 2");
        assertThat(created.getAdditionalProperties()).doesNotContainKey("status");
        assertThat(health.evaluate(Serialization.asJson(created)))
                .isEqualTo(new Health("Progressing", "Waiting for the KubeChat operator to pick up the command"));

        Health done = health.evaluate(awaitPhase(ns, "scale-web", "Succeeded"));
        assertThat(done).isEqualTo(new Health("Healthy", "Succeeded: deployment.apps/web scaled to 2"));
    }

    @Test
    void aDeniedCommandIsDegraded() {
        deployment(ns, "shop");

        create("bob", ns, "bob-scales", "scale shop to 5");

        Health denied = health.evaluate(awaitPhase(ns, "bob-scales", "Denied"));
        assertThat(denied.status()).isEqualTo("Degraded");
        assertThat(denied.message()).startsWith("Denied (Denied): ").contains("bob");
    }

    @Test
    void aHeldCommandIsSuspendedThenProgressingOnceDecidedThenDegradedWhenRejected() {
        deployment(ns, "old-api");
        create("alice", ns, "delete-old", "delete deployment old-api");

        Health held = health.evaluate(awaitPhase(ns, "delete-old", "AwaitingApproval"));
        assertThat(held.status()).isEqualTo("Suspended");
        assertThat(held.message()).startsWith("Awaiting approval: destructive commands wait for approval");

        // What the API server returns for carol's decision: the spec carries it, the operator has not seen it yet.
        GenericKubernetesResource decided = cluster.as("carol").genericKubernetesResources(CE).inNamespace(ns).withName("delete-old")
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", Map.of("approval", Map.of(
                        "decision", "rejected", "approver", Map.of("user", "carol"), "reason", "old is still needed")))));
        assertThat(health.evaluate(Serialization.asJson(decided)))
                .isEqualTo(new Health("Progressing", "Decision rejected given, being processed"));

        Health rejected = health.evaluate(awaitPhase(ns, "delete-old", "Rejected"));
        assertThat(rejected).isEqualTo(new Health("Degraded", "Rejected (Rejected): rejected by carol: old is still needed"));
    }

    @Test
    void aFailedCommandIsDegraded() {
        GenericKubernetesResource ce = new GenericKubernetesResource();
        ce.setApiVersion("kubechat.io/v1alpha1");
        ce.setKind("CommandExecution");
        ce.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("scale-ghost").build());
        ce.setAdditionalProperties(Map.of("spec", Map.of("requester", Map.of("user", "alice"), "command", Map.of("verb", "scale",
                "resource", Map.of("kind", "Deployment", "apiVersion", "apps/v1"), "name", "ghost", "arguments", Map.of("replicas", 2)))));
        cluster.as("alice").genericKubernetesResources(CE).inNamespace(ns).resource(ce).create();

        Health failed = health.evaluate(awaitPhase(ns, "scale-ghost", "Failed"));
        assertThat(failed.status()).isEqualTo("Degraded");
        assertThat(failed.message()).startsWith("Failed (NotFound): ").contains("ghost");
    }

    @Test
    void anExpiredCommandIsDegraded() {
        String shortWait = cluster.createNamespace("gitops-expiry");
        grantKubeChatUse(shortWait, "alice", "edit");
        deployment(shortWait, "stale");
        ExecutionPolicy policy = new ExecutionPolicy();
        policy.getMetadata().setName("quick-expiry");
        policy.setSpec(new ExecutionPolicySpec(null, new ApprovalPolicy(true, "2s", null), null));
        cluster.admin().resources(ExecutionPolicy.class).inNamespace(shortWait).resource(policy).create();

        create("alice", shortWait, "delete-stale", "delete deployment stale");

        Health expired = health.evaluate(awaitPhase(shortWait, "delete-stale", "Expired"));
        assertThat(expired.status()).isEqualTo("Degraded");
        assertThat(expired.message()).startsWith("Expired (Expired): nobody approved the command before ");
    }

    @Test
    void reSyncingTheCommandsFolderExecutesNothingTwice(@TempDir Path dir) throws Exception {
        String target = cluster.createNamespace("gitops-sync");
        deployment(target, "checkout");
        Path kubeconfig = argoCdKubeconfig(target, dir);
        Path commands = cluster.repoRoot().resolve("gitops/commands");

        ProcessResult first = argoCdApply(kubeconfig, target, commands);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        String succeeded = awaitPhase(target, "gitops-scale-checkout", "Succeeded");
        GenericKubernetesResource before = Serialization.unmarshal(succeeded, GenericKubernetesResource.class);
        assertThat(health.evaluate(succeeded).status()).isEqualTo("Healthy");
        long deploymentGeneration = cluster.admin().apps().deployments().inNamespace(target).withName("checkout").get()
                .getMetadata().getGeneration();
        assertThat(cluster.admin().apps().deployments().inNamespace(target).withName("checkout").get().getSpec().getReplicas()).isEqualTo(3);
        String commandUid = before.getMetadata().getUid();
        List<AuditRecord> recordsBefore = ledgerRecordsOf(commandUid);

        ProcessResult second = argoCdApply(kubeconfig, target, commands);
        ProcessResult diff = ProcessResult.run(List.of(kubectl(), "--kubeconfig=" + kubeconfig, "diff", "--server-side",
                "--field-manager=argocd-controller", "-n", target, "-f", commands.toString()), 120);
        // A later command that the operator finishes shows it has handled everything the re-sync caused.
        grantKubeChatUse(target, "alice", "edit");
        create("alice", target, "sentinel", "list deployments");
        awaitPhase(target, "sentinel", "Succeeded");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(diff.exitCode()).as(diff.stdout() + diff.stderr()).isZero();
        assertThat(diff.stdout()).isEmpty();
        GenericKubernetesResource after = cluster.admin().genericKubernetesResources(CE).inNamespace(target)
                .withName("gitops-scale-checkout").get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        assertThat(after.getAdditionalProperties().get("status")).isEqualTo(before.getAdditionalProperties().get("status"));
        assertThat(cluster.admin().apps().deployments().inNamespace(target).withName("checkout").get().getMetadata().getGeneration())
                .isEqualTo(deploymentGeneration);
        assertThat(ledgerRecordsOf(commandUid)).extracting(AuditRecord::sequence)
                .isEqualTo(recordsBefore.stream().map(AuditRecord::sequence).toList());
        assertThat(recordsBefore).extracting(r -> r.event().eventType()).contains("command_started")
                .filteredOn("command_started"::equals).hasSize(1);
    }

    /** Argo CD's sync of a directory with ServerSideApply=true: kubectl apply --server-side as its controller. */
    private static ProcessResult argoCdApply(Path kubeconfig, String namespace, Path commands) {
        return ProcessResult.run(List.of(kubectl(), "--kubeconfig=" + kubeconfig, "apply", "--server-side",
                "--field-manager=argocd-controller", "-n", namespace, "-f", commands.toString()), 120);
    }

    /** A kubeconfig for Argo CD's application controller service account, allowed what the commands need in {@code namespace}. */
    private static Path argoCdKubeconfig(String namespace, Path dir) throws IOException {
        KubernetesClient admin = cluster.admin();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build()).serverSideApply();
        admin.serviceAccounts().inNamespace("argocd").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("argocd-application-controller").endMetadata().build()).serverSideApply();
        grantKubeChatUse(namespace, ARGOCD_USER, "edit");
        String token = admin.serviceAccounts().inNamespace("argocd").withName("argocd-application-controller")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config adminConfig = Config.fromKubeconfig(cluster.kubeconfig("admin").toFile());
        Path kubeconfig = dir.resolve("argocd.kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                - name: argocd
                  user: {token: "%s"}
                contexts:
                - name: argocd
                  context: {cluster: local, user: argocd}
                current-context: argocd
                """.formatted(adminConfig.getMasterUrl(), adminConfig.getCaCertData(), token), StandardCharsets.UTF_8);
        return kubeconfig;
    }

    /** The ledger's records of one command, read straight from the operator's PostgreSQL. */
    private static List<AuditRecord> ledgerRecordsOf(String uid) throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(operator.jdbcUrl);
        List<AuditRecord> found = new ArrayList<>();
        LedgerConfig config = LedgerConfig.defaults("kubechat.io/audit").withCheckpointEveryRecords(0).withCheckpointInterval(null)
                .withSearchIndexInterval(null);
        try (AuditLedger ledger = AuditLedger.open(dataSource,
                SigningKey.fromPem(Files.readString(operator.signingKey, StandardCharsets.US_ASCII)), config)) {
            ledger.records(1, ledger.size(), r -> {
                if (r.event().commandRef() != null && r.event().commandRef().endsWith("/" + uid)) {
                    found.add(r);
                }
                return true;
            });
        }
        return found;
    }

    private static void grantKubeChatUse(String namespace, String user, String clusterRole) {
        KubernetesClient admin = cluster.admin();
        String safe = user.replaceAll("[^a-z0-9-]", "-");
        if (admin.rbac().roles().inNamespace(namespace).withName("kubechat-user").get() == null) {
            cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions", "chatsessions"),
                    List.of("create", "get", "list", "watch", "patch"));
        }
        if (admin.rbac().roleBindings().inNamespace(namespace).withName(safe + "-kubechat-user").get() != null) {
            return;
        }
        for (String[] grant : new String[][] {{"ClusterRole", clusterRole}, {"Role", "kubechat-user"}}) {
            admin.rbac().roleBindings().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                    .withNewMetadata().withName(safe + "-" + grant[1]).endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", grant[0], grant[1])
                    .addNewSubject().withKind("User").withName(user).withApiGroup("rbac.authorization.k8s.io").endSubject()
                    .build()).create();
        }
    }

    private static void deployment(String namespace, String name) {
        cluster.admin().apps().deployments().inNamespace(namespace).resource(TestWorkloads.deployment(name, 1)).create();
    }

    private static GenericKubernetesResource create(String user, String namespace, String name, String request) {
        GenericKubernetesResource ce = new GenericKubernetesResource();
        ce.setApiVersion("kubechat.io/v1alpha1");
        ce.setKind("CommandExecution");
        ce.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        ce.setAdditionalProperties(Map.of("spec", Map.of("request", request, "requester", Map.of("user", user))));
        return cluster.as(user).genericKubernetesResources(CE).inNamespace(namespace).resource(ce).create();
    }

    /** The object as the API server returns it once its phase is {@code phase}, as JSON. */
    @SuppressWarnings("unchecked")
    private static String awaitPhase(String namespace, String name, String phase) {
        Predicate<GenericKubernetesResource> reached = r -> r != null && r.getAdditionalProperties().get("status") instanceof Map<?, ?> s
                && phase.equals(((Map<String, Object>) s).get("phase"));
        GenericKubernetesResource done = cluster.admin().genericKubernetesResources(CE).inNamespace(namespace).withName(name)
                .waitUntilCondition(reached, 3, TimeUnit.MINUTES);
        return Serialization.asJson(done);
    }

    private static String kubectl() {
        return cluster.binDir().resolve("kubectl").toString();
    }
}
