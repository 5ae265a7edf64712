package io.kubechat.operator.testing;

import io.kubechat.testsupport.LocalCluster;
import java.io.IOException;
import java.nio.file.Path;

/** The packaged operator (target/quarkus-app) in a process of its own, as it runs in a pod. */
public final class OperatorProcess {

    private OperatorProcess() {
    }

    /** Starts it against the local cluster as admin, with its ledger at {@code jdbcUrl}; output goes to target/LOG.log. */
    public static Process start(LocalCluster cluster, String jdbcUrl, String operatorNamespace, String signingKeyFile, String log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", log + ".log").toFile());
        builder.environment().put("KUBECONFIG", cluster.kubeconfig("admin").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("KUBECHAT_OPERATOR_NAMESPACE", operatorNamespace);
        builder.environment().put("KUBECHAT_AUDIT_SIGNING_KEY_FILE", signingKeyFile);
        return builder.start();
    }
}
