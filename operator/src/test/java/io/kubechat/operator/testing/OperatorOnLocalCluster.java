package io.kubechat.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the operator under test against the JVM's local control plane and a real PostgreSQL for its
 * audit ledger: installs the CRDs and admission policies as an installation would, starts an
 * embedded PostgreSQL, then points the operator at both.
 */
public class OperatorOnLocalCluster implements QuarkusTestResourceLifecycleManager {

    public static final String OPERATOR_NAMESPACE = "kubechat-system";

    private static EmbeddedPostgres postgres;
    private static Path dataDirectory;
    private static int port;

    @Override
    public Map<String, String> start() {
        LocalCluster cluster = LocalCluster.shared();
        KubernetesClient admin = cluster.admin();
        Path repo = cluster.repoRoot();
        cluster.installCrds(repo.resolve("crds/generated"));
        cluster.installIdentityPolicies();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE).endMetadata().build())
                .serverSideApply();
        // Each run has a new database and signing key: the key an earlier run pinned in the shared cluster must go.
        admin.configMaps().inNamespace(OPERATOR_NAMESPACE).withName("kubechat-audit-checkpoints").delete();
        // fabric8, inside the operator, reads this system property before its usual kubeconfig.
        System.setProperty("kubeconfig", cluster.kubeconfig("admin").toString());
        try {
            dataDirectory = Files.createTempDirectory("kubechat-audit-db");
            startDatabase();
            port = postgres.getPort();
            Path keyDir = Files.createTempDirectory("kubechat-audit");
            return Map.of(
                    "kubechat.cluster-connection.probe-interval", "2s",
                    "kubechat.chat-session.refresh-interval", "2s",
                    "kubechat.operator.namespace", OPERATOR_NAMESPACE,
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "",
                    "kubechat.audit.signing-key-file", keyDir.resolve("signing-key.pem").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        System.clearProperty("kubeconfig");
        stopDatabase();
    }

    /** Starts PostgreSQL, again on the same port and data after {@link #stopDatabase()}. */
    public static synchronized void startDatabase() {
        try {
            var builder = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                    .setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            postgres = (port == 0 ? builder : builder.setPort(port)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops PostgreSQL, as an outage would, keeping its data. */
    public static synchronized void stopDatabase() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
