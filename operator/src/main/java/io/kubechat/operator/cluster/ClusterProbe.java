package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import java.time.Duration;

/** Reaches a connected cluster with the kubeconfig from its Secret and asks for its version. */
public final class ClusterProbe {

    private final Duration timeout;

    public ClusterProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** The outcome of one probe; {@code reason} is CamelCase for the Reachable condition. */
    public record Outcome(boolean reachable, String serverVersion, String reason, String message) {
    }

    /** @param client the operator's client, used to read the Secret in the connection's namespace */
    public Outcome probe(KubernetesClient client, ClusterConnection connection) {
        ConnectionConfig connectionConfig = ConnectionConfig.read(client, connection, timeout);
        if (!connectionConfig.usable()) {
            return new Outcome(false, null, connectionConfig.reason(), connectionConfig.message());
        }
        String server = connectionConfig.config().getMasterUrl();
        try (KubernetesClient remote = new KubernetesClientBuilder().withConfig(connectionConfig.config()).build()) {
            return new Outcome(true, remote.getKubernetesVersion().getGitVersion(), "Connected", "reached " + server);
        } catch (RuntimeException e) {
            return new Outcome(false, null, "Unreachable", "cannot reach " + server + ": " + rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
