package io.kubechat.gateway;

import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.OperatorProcess;
import io.kubechat.testsupport.TestWorkloads;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real surroundings of the gateway under test, once per JVM: the local control plane with the CRDs, admission
 * policies and the gateway's own RBAC (rbac.yaml), the gateway running as its ServiceAccount (a TokenRequest token,
 * not admin), an embedded PostgreSQL, and the packaged operator in its own process on the same database.
 */
public class GatewayEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final String SYSTEM_NAMESPACE = "kubechat-system";
    public static final String SESSIONS_NAMESPACE = "kubechat-sessions";
    public static final String SHOP = "shop";
    public static final String ADMIN_PASSWORD = "first-admin-password";
    public static final String PASSWORD = "correct horse battery";

    private static Map<String, String> config;
    private static EmbeddedPostgres postgres;
    private static volatile Process operator;
    private static volatile boolean stopping;

    @Override
    public synchronized Map<String, String> start() {
        return environment();
    }

    /**
     * Quarkus restarts the application, in a class loader of its own, for test classes with other
     * resources or profiles, so this class's statics start empty again: the environment of this JVM is
     * kept in system properties, or every test class would start another database and another operator
     * beside the first, which still holds the leader lease and the published audit key.
     */
    private static final String SHARED = "kubechat.gateway-it.environment.";

    public static synchronized Map<String, String> environment() {
        if (config == null && System.getProperty(SHARED + "started") != null) {
            Map<String, String> shared = new HashMap<>();
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(SHARED) && !k.equals(SHARED + "started"))
                    .forEach(k -> shared.put(k.substring(SHARED.length()), System.getProperty(k)));
            config = Map.copyOf(shared);
        }
        if (config != null) {
            return config;
        }
        LocalCluster cluster = LocalCluster.shared();
        KubernetesClient admin = cluster.admin();
        Path repo = cluster.repoRoot();
        cluster.installCrds(repo.resolve("crds/generated"));
        cluster.installIdentityPolicies();
        cluster.apply(repo.resolve("gateway/src/main/kubernetes/rbac.yaml"));
        grantTestUsers(admin);
        try {
            Path work = Files.createTempDirectory("kubechat-gateway-it");
            Path kubeconfig = serviceAccountKubeconfig(cluster, work);
            // fabric8 (inside the gateway) reads this system property before its usual kubeconfig.
            System.setProperty("kubeconfig", kubeconfig.toString());
            postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            String signingKey = work.resolve("signing-key.pem").toString();
            Path log = Path.of("target", "operator-for-gateway-it.log").toAbsolutePath();
            // A new database and signing key each run: the key an earlier run pinned in the shared cluster must go.
            admin.configMaps().inNamespace(SYSTEM_NAMESPACE).withName("kubechat-audit-checkpoints").delete();
            operator = OperatorProcess.start(cluster, jdbcUrl, SYSTEM_NAMESPACE, signingKey, log);
            superviseOperator(cluster, jdbcUrl, signingKey, log);
            awaitOperatorLedger(admin);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping = true;
                operator.destroy();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the data directory is temporary
                }
            }));
            Map<String, String> c = new HashMap<>();
            c.put("quarkus.datasource.jdbc.url", jdbcUrl);
            c.put("quarkus.datasource.username", "postgres");
            c.put("quarkus.datasource.password", "");
            c.put("kubechat.gateway.admin.password", ADMIN_PASSWORD);
            // The lowest BCrypt cost keeps the many sign-ins of the tests quick; the default is 12.
            c.put("kubechat.gateway.bcrypt-cost", "4");
            c.put("kubechat.gateway.rate-limit.per-user", "120");
            c.put("kubechat.gateway.rate-limit.login-per-ip", "40");
            // The tests reach the gateway over plain HTTP from loopback, which stands for the Ingress.
            c.put("kubechat.gateway.secure-cookie", "false");
            c.put("kubechat.gateway.trusted-proxies", "127.0.0.1/32,::1/128");
            config = Map.copyOf(c);
            config.forEach((k, v) -> System.setProperty(SHARED + k, v));
            System.setProperty(SHARED + "started", "true");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the operator again whenever it exits, as its Deployment would: on a loaded machine its informers can
     * time out at startup and it stops, by design. Each run's output goes to a log of its own.
     */
    private static void superviseOperator(LocalCluster cluster, String jdbcUrl, String signingKey, Path log) {
        Thread supervisor = new Thread(() -> {
            for (int restart = 1; restart <= 10; restart++) {
                try {
                    operator.waitFor();
                    if (stopping) {
                        return;
                    }
                    operator = OperatorProcess.start(cluster, jdbcUrl, SYSTEM_NAMESPACE, signingKey,
                            log.resolveSibling(log.getFileName() + "." + restart));
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, "operator-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * The operator creates the audit ledger's schema (it owns it) when it records its first command: one command
     * outside any session, run to its end, before the gateway starts.
     */
    private static void awaitOperatorLedger(KubernetesClient admin) {
        var ce = new io.kubechat.crds.v1alpha1.CommandExecution();
        ce.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withGenerateName("warm-up-")
                .withNamespace(SYSTEM_NAMESPACE).build());
        ce.setSpec(new io.kubechat.crds.v1alpha1.CommandExecutionSpec("get pods in " + SYSTEM_NAMESPACE, null, null, null, null, null));
        var created = admin.resources(io.kubechat.crds.v1alpha1.CommandExecution.class).inNamespace(SYSTEM_NAMESPACE).resource(ce).create();
        admin.resources(io.kubechat.crds.v1alpha1.CommandExecution.class).inNamespace(SYSTEM_NAMESPACE)
                .withName(created.getMetadata().getName())
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().auditRef() != null, 5, java.util.concurrent.TimeUnit.MINUTES);
    }

    /**
     * alice edits the shop; bob only views it; carol may approve (RBAC verb approve) the commands of the sessions
     * namespace, which the gateway patches as her, and read nothing there. None of them may touch the
     * CommandExecutions otherwise: the gateway creates them. Web users are bound by their Kubernetes names, under
     * the gateway's prefix (kubechat:alice).
     */
    private static void grantTestUsers(KubernetesClient admin) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SHOP).endMetadata().build()).serverSideApply();
        admin.apps().deployments().inNamespace(SHOP).resource(TestWorkloads.deployment("checkout", 2)).forceConflicts().serverSideApply();
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("kubechat-test-approver").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("commandexecutions")
                        .withVerbs("patch", "approve").build())
                .build()).serverSideApply();
        bind(admin, SHOP, "alice", "edit");
        bind(admin, SHOP, "bob", "view");
        bind(admin, SESSIONS_NAMESPACE, "carol", "kubechat-test-approver");
        bind(admin, SHOP, "carol", "view");
    }

    private static void bind(KubernetesClient admin, String namespace, String user, String clusterRole) {
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(user + "-" + clusterRole).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject().withKind("User").withName("kubechat:" + user).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).serverSideApply();
    }

    /** A kubeconfig for ServiceAccount kubechat-system/kubechat-gateway with a TokenRequest token. */
    static Path serviceAccountKubeconfig(LocalCluster cluster, Path dir) throws IOException {
        String token = cluster.admin().serviceAccounts().inNamespace(SYSTEM_NAMESPACE).withName("kubechat-gateway")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(86_400L).endSpec().build())
                .getStatus().getToken();
        var adminConfig = KubeConfigUtils.parseConfig(cluster.kubeconfig("admin").toFile());
        var server = adminConfig.getClusters().get(0);
        String user = "system:serviceaccount:" + SYSTEM_NAMESPACE + ":kubechat-gateway";
        var config = new ConfigBuilder().withApiVersion("v1").withKind("Config")
                .withClusters(server)
                .addNewUser().withName(user).withNewUser().withToken(token).endUser().endUser()
                .addNewContext().withName(user).withNewContext().withCluster(server.getName()).withUser(user)
                .withNamespace(SYSTEM_NAMESPACE).endContext().endContext()
                .withCurrentContext(user)
                .build();
        Path file = dir.resolve("gateway.kubeconfig");
        KubeConfigUtils.persistKubeConfigIntoFile(config, file.toFile());
        return file;
    }

    @Override
    public void stop() {
        // The cluster, database and operator serve every test class of this JVM; they end with it.
    }
}
