package io.kubechat.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged operator ({@code operator/target/quarkus-app}) in a process of its own, as it runs in a
 * pod. Tests of other modules use it to exercise the real operator; build it first
 * ({@code ./mvnw -pl operator package}).
 */
public final class OperatorProcess {

    private OperatorProcess() {
    }

    /** The packaged operator of this repository. */
    public static Path jar(LocalCluster cluster) {
        Path jar = cluster.repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged operator at " + jar + "; run ./mvnw -pl operator -am package -DskipTests");
        }
        return jar;
    }

    /**
     * Starts it against the local cluster as admin, with its ledger at {@code jdbcUrl} (user postgres)
     * and its own resources in {@code operatorNamespace}; output goes to {@code log}.
     */
    public static Process start(LocalCluster cluster, String jdbcUrl, String operatorNamespace, String signingKeyFile, Path log)
            throws IOException {
        return start(cluster, cluster.kubeconfig("admin"), jdbcUrl, operatorNamespace, signingKeyFile, log);
    }

    /** As {@link #start(LocalCluster, String, String, String, Path)}, acting with the identity in {@code kubeconfig}. */
    public static Process start(LocalCluster cluster, Path kubeconfig, String jdbcUrl, String operatorNamespace, String signingKeyFile,
            Path log) throws IOException {
        return start(cluster, kubeconfig, jdbcUrl, operatorNamespace, signingKeyFile, log, Map.of());
    }

    /** As above, with more environment variables (JAVA_TOOL_OPTIONS, say). */
    public static Process start(LocalCluster cluster, Path kubeconfig, String jdbcUrl, String operatorNamespace, String signingKeyFile,
            Path log, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar(cluster).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("KUBECHAT_OPERATOR_NAMESPACE", operatorNamespace);
        builder.environment().put("KUBECHAT_AUDIT_SIGNING_KEY_FILE", signingKeyFile);
        builder.environment().putAll(environment);
        return builder.start();
    }
}
