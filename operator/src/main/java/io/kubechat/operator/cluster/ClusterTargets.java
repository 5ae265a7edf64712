package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves the cluster a command names. Connected clusters are the ClusterConnections in the
 * operator's namespace; their clients are kept while the connection and its Secret are unchanged,
 * and rebuilt when either changes (a rotated kubeconfig takes effect on the next command).
 */
@ApplicationScoped
public class ClusterTargets {

    private final KubernetesClient client;
    private final String operatorNamespace;
    private final Duration timeout;
    private final ClusterTarget local;
    private final Map<String, Cached> connected = new ConcurrentHashMap<>();

    private record Cached(String version, ClusterTarget target) {
    }

    public ClusterTargets(KubernetesClient client,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String operatorNamespace,
            @ConfigProperty(name = "kubechat.execution.timeout", defaultValue = "30s") Duration timeout) {
        this.client = client;
        this.operatorNamespace = operatorNamespace;
        this.timeout = timeout;
        this.local = ClusterTarget.of(null, client, null, IdentityMapping.LOCAL);
    }

    public ClusterTarget local() {
        return local;
    }

    /**
     * The cluster named {@code name}, or the local one for null.
     *
     * @throws ClusterUnavailableException when no usable ClusterConnection of that name exists
     */
    public ClusterTarget resolve(String name) {
        if (name == null) {
            return local;
        }
        ClusterConnection connection = client.resources(ClusterConnection.class).inNamespace(operatorNamespace).withName(name).get();
        if (connection == null) {
            throw new ClusterUnavailableException("ClusterNotFound",
                    "no ClusterConnection " + name + " in namespace " + operatorNamespace);
        }
        ConnectionConfig config = ConnectionConfig.read(client, connection, timeout);
        if (!config.usable()) {
            throw new ClusterUnavailableException(config.reason(), "ClusterConnection " + name + ": " + config.message());
        }
        // The generation, not the resource version: status patches by the prober must not rebuild clients.
        String version = connection.getMetadata().getGeneration() + "/" + config.secretVersion();
        Cached cached = connected.compute(name, (key, previous) -> {
            if (previous != null && previous.version().equals(version)) {
                return previous;
            }
            if (previous != null) {
                previous.target().client().close();
            }
            KubernetesClient remote = new KubernetesClientBuilder().withConfig(config.config()).build();
            return new Cached(version, ClusterTarget.of(name, remote, connection.getSpec().allowedNamespaces(),
                    IdentityMapping.of(connection.getSpec())));
        });
        return cached.target();
    }

    void close(@Observes ShutdownEvent shutdown) {
        connected.values().forEach(cached -> cached.target().client().close());
    }
}
