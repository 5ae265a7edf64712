package io.kubechat.testsupport;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator against the local cluster, with a real PostgreSQL for its ledger, installed as
 * an installation would: CRDs, the identity admission policies, the operator's namespace.
 */
public final class RealOperator implements AutoCloseable {

    public static final String NAMESPACE = "kubechat-system";

    public final EmbeddedPostgres postgres;
    public final String jdbcUrl;
    public final Path signingKey;
    private final Process process;

    private RealOperator(EmbeddedPostgres postgres, Path signingKey, Process process) {
        this.postgres = postgres;
        this.jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        this.signingKey = signingKey;
        this.process = process;
    }

    public static RealOperator start(LocalCluster cluster, String logName) throws IOException {
        Path repo = cluster.repoRoot();
        cluster.installCrds(repo.resolve("crds/generated"));
        cluster.installIdentityPolicies();
        cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        // A new database and signing key: the key another module's operator pinned in this shared cluster must go.
        cluster.admin().configMaps().inNamespace(NAMESPACE).withName("kubechat-audit-checkpoints").delete();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Path signingKey = Files.createTempDirectory("kubechat-audit-key").resolve("signing-key.pem");
        Process process = OperatorProcess.start(cluster, postgres.getJdbcUrl("postgres", "postgres"), NAMESPACE, signingKey.toString(),
                Path.of("target", logName).toAbsolutePath());
        return new RealOperator(postgres, signingKey, process);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        postgres.close();
    }
}
