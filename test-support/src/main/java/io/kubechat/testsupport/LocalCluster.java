package io.kubechat.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running local control plane started by {@code hack/cluster}: etcd, kube-apiserver with RBAC,
 * controller-manager, scheduler and kwok. Hands out fabric8 clients as the admin or as one of the
 * test users, whose certificates the API server authenticates like any other user's.
 */
public final class LocalCluster implements AutoCloseable {

    /** Names a directory made by {@code hack/cluster up} to attach to instead of starting one. */
    public static final String CLUSTER_DIR_ENV = "KUBECHAT_CLUSTER_DIR";

    /** The ordinary users {@code hack/cluster} issues certificates for, in group {@link #TEST_USERS_GROUP}. */
    public static final List<String> TEST_USERS = List.of("alice", "bob", "carol");
    public static final String TEST_USERS_GROUP = "kubechat:test-users";
    /** Longer than the operator's IdentityAdmission.SETTLE, after which it trusts newly changed policies. */
    private static final long IDENTITY_POLICY_SETTLE_MILLIS = 4_000;

    private static final long START_TIMEOUT_MINUTES = 60;

    private final Path repoRoot;
    private final Path dir;
    private final boolean owned;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    private LocalCluster(Path repoRoot, Path dir, boolean owned) {
        this.repoRoot = repoRoot;
        this.dir = dir;
        this.owned = owned;
    }

    private static LocalCluster shared;

    /**
     * The cluster of this JVM: attached to the one named by {@value #CLUSTER_DIR_ENV}, or started in
     * {@code target/local-cluster} on first use and stopped when the JVM exits. Test extensions and
     * an application under test in the same JVM thus share one cluster.
     */
    public static synchronized LocalCluster shared() {
        if (shared == null) {
            LocalCluster cluster = attachOrStart();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "local-cluster-shutdown"));
            shared = cluster;
        }
        return shared;
    }

    /** Attaches to the cluster named by {@value #CLUSTER_DIR_ENV}, or starts one in {@code target/local-cluster}. */
    public static LocalCluster attachOrStart() {
        Path repoRoot = PinnedTools.repoRoot();
        String attachTo = System.getenv(CLUSTER_DIR_ENV);
        if (attachTo != null && !attachTo.isBlank()) {
            Path dir = Path.of(attachTo).toAbsolutePath();
            if (!Files.isRegularFile(dir.resolve("admin.kubeconfig"))) {
                throw new IllegalStateException(CLUSTER_DIR_ENV + "=" + dir + " holds no admin.kubeconfig; run hack/cluster up --dir " + dir);
            }
            return new LocalCluster(repoRoot, dir, false);
        }
        Path dir = Path.of("target", "local-cluster").toAbsolutePath();
        run(repoRoot, START_TIMEOUT_MINUTES, "up", "--dir", dir.toString(), "--exit-with", Long.toString(ProcessHandle.current().pid()));
        return new LocalCluster(repoRoot, dir, true);
    }

    /** A client with cluster-admin rights (group system:masters). */
    public KubernetesClient admin() {
        return clients.computeIfAbsent("admin", ignored -> clientFor(dir.resolve("admin.kubeconfig")));
    }

    /** A client authenticated as one of {@link #TEST_USERS}; it has only the rights tests bind to it. */
    public KubernetesClient as(String user) {
        return clients.computeIfAbsent(user, ignored -> clientFor(kubeconfig(user)));
    }

    /** The kubeconfig of {@code admin} or one of {@link #TEST_USERS}. */
    public Path kubeconfig(String user) {
        Path file = "admin".equals(user) ? dir.resolve("admin.kubeconfig") : dir.resolve("users").resolve(user + ".kubeconfig");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kubeconfig for user " + user + "; test users are " + TEST_USERS);
        }
        return file;
    }

    /** The directory of the pinned binaries (kubectl, helm, ...). */
    public Path binDir() {
        Properties env = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("env"))) {
            env.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(env.getProperty("BIN"));
    }

    public Path dir() {
        return dir;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** Creates a namespace with a unique name starting with {@code prefix}. */
    public String createNamespace(String prefix) {
        String name = prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Applies, server-side and forcing conflicts, every object in the given YAML files. */
    public void apply(Path... files) {
        KubernetesClient admin = admin();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata item : admin.load(in).items()) {
                    admin.resource(item).forceConflicts().serverSideApply();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The namespace the identity policies' parameters live in, as the standalone manifests install them. */
    public static final String SYSTEM_NAMESPACE = "kubechat-system";

    /**
     * Installs the identity admission policies of crds/admission as an installation would, with their
     * parameters in {@value #SYSTEM_NAMESPACE} (created if need be). They take effect asynchronously.
     */
    public void installIdentityPolicies() {
        admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SYSTEM_NAMESPACE).endMetadata().build())
                .serverSideApply();
        List<String> before = identityPolicyVersions();
        apply(repoRoot.resolve("crds/admission/identity-policies.yaml"));
        if (!before.equals(identityPolicyVersions())) {
            // The operator trusts policies only a few seconds after their last change (IdentityAdmission.SETTLE),
            // so a command created at once would be refused as one nothing checked.
            try {
                Thread.sleep(IDENTITY_POLICY_SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private List<String> identityPolicyVersions() {
        var policy = admin().admissionRegistration().v1().validatingAdmissionPolicies().withName("kubechat-command-identity").get();
        var binding = admin().admissionRegistration().v1().validatingAdmissionPolicyBindings().withName("kubechat-command-identity").get();
        return java.util.Arrays.asList(policy == null ? null : policy.getMetadata().getResourceVersion(),
                binding == null ? null : binding.getMetadata().getResourceVersion());
    }

    /** Applies the CRDs ({@code *-v1.yml}) in {@code dir} and waits until the API server serves them. */
    public void installCrds(Path dir) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        apply(files.toArray(Path[]::new));
        for (Path file : files) {
            String name = file.getFileName().toString().replace("-v1.yml", "");
            admin().apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(crd -> crd != null
                    && crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())), 30, TimeUnit.SECONDS);
        }
    }

    /** Creates a Role granting {@code verbs} on {@code resources} of {@code apiGroup}. */
    public void createRole(String namespace, String name, String apiGroup, List<String> resources, List<String> verbs) {
        admin().rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName(name).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resources).withVerbs(verbs).build())
                .build()).create();
    }

    /**
     * Binds {@code user} to a Role or ClusterRole in {@code namespace}, in a binding named USER-ROLE,
     * and returns once the API server's RBAC cache honours it: the authorizer learns of a new binding
     * asynchronously, and a request sent the moment after {@code create} can still be refused.
     */
    public void bind(String namespace, String user, String roleKind, String role) {
        admin().rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(user + "-" + role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", roleKind, role)
                .addNewSubject().withKind("User").withName(user).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        List<PolicyRule> rules = "ClusterRole".equals(roleKind)
                ? Optional.ofNullable(admin().rbac().clusterRoles().withName(role).get()).map(ClusterRole::getRules).orElse(null)
                : Optional.ofNullable(admin().rbac().roles().inNamespace(namespace).withName(role).get()).map(Role::getRules).orElse(null);
        Optional.ofNullable(rules).orElse(List.of()).stream()
                .filter(rule -> rule.getResources() != null && !rule.getResources().isEmpty()
                        && rule.getVerbs() != null && !rule.getVerbs().isEmpty()
                        && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()))
                .findFirst().ifPresent(rule -> awaitAllowed(user, namespace, rule));
    }

    private void awaitAllowed(String user, String namespace, PolicyRule rule) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user)
                .withNewResourceAttributes().withNamespace(namespace)
                .withGroup(rule.getApiGroups() == null || rule.getApiGroups().isEmpty() ? "" : rule.getApiGroups().get(0))
                .withResource(rule.getResources().get(0)).withVerb(rule.getVerbs().get(0))
                .endResourceAttributes().endSpec().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin().authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(user + " is bound in " + namespace + " but still refused " + rule);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A kubeconfig acting as ServiceAccount {@code namespace/name}, with a token from the TokenRequest
     * API valid for a day; for running a component with exactly the rights its manifests grant.
     */
    public Path serviceAccountKubeconfig(String namespace, String name) {
        String token = admin().serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(86_400L).endSpec().build())
                .getStatus().getToken();
        io.fabric8.kubernetes.api.model.Config adminConfig = KubeConfigUtils.parseConfig(kubeconfig("admin").toFile());
        var cluster = adminConfig.getClusters().get(0);
        String user = "system:serviceaccount:" + namespace + ":" + name;
        io.fabric8.kubernetes.api.model.Config config = new io.fabric8.kubernetes.api.model.ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .withClusters(cluster)
                .addNewUser().withName(user).withNewUser().withToken(token).endUser().endUser()
                .addNewContext().withName(user).withNewContext().withCluster(cluster.getName()).withUser(user).withNamespace(namespace)
                .endContext().endContext()
                .withCurrentContext(user)
                .build();
        Path file = dir.resolve("serviceaccounts").resolve(namespace + "-" + name + ".kubeconfig");
        try {
            Files.createDirectories(file.getParent());
            KubeConfigUtils.persistKubeConfigIntoFile(config, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs the pinned kubectl as {@code user} and returns what it printed. */
    public ProcessResult kubectl(String user, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binDir().resolve("kubectl").toString());
        command.add("--kubeconfig=" + kubeconfig(user));
        command.addAll(List.of(args));
        return ProcessResult.run(command, 120);
    }

    /** Starts a further, independent cluster in {@code dir}, for tests that need two; the caller closes it. */
    public static LocalCluster startAnother(Path dir) {
        Path repoRoot = PinnedTools.repoRoot();
        run(repoRoot, START_TIMEOUT_MINUTES, "up", "--dir", dir.toAbsolutePath().toString(), "--nodes", "1",
                "--exit-with", Long.toString(ProcessHandle.current().pid()));
        return new LocalCluster(repoRoot, dir.toAbsolutePath(), true);
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
        if (owned && Files.exists(dir.resolve("pids"))) {
            run(repoRoot, 2, "down", "--dir", dir.toString());
        }
    }

    private static KubernetesClient clientFor(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path repoRoot, long timeoutMinutes, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("hack/cluster").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutMinutes + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
