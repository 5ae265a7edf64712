package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.SecretKeyReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

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
        SecretKeyReference ref = connection.getSpec().kubeconfigSecretRef();
        String key = ref.key() == null ? "kubeconfig" : ref.key();
        Secret secret = client.secrets().inNamespace(connection.getMetadata().getNamespace()).withName(ref.name()).get();
        if (secret == null) {
            return new Outcome(false, null, "SecretNotFound", "Secret " + ref.name() + " not found in namespace " + connection.getMetadata().getNamespace());
        }
        if (secret.getData() == null || !secret.getData().containsKey(key)) {
            return new Outcome(false, null, "KeyNotFound", "Secret " + ref.name() + " has no key " + key);
        }
        Config config;
        try {
            String kubeconfig = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                    .withConnectionTimeout((int) timeout.toMillis())
                    .withRequestTimeout((int) timeout.toMillis())
                    .withRequestRetryBackoffLimit(0)
                    .build();
        } catch (RuntimeException e) {
            return new Outcome(false, null, "InvalidKubeconfig", "the kubeconfig in Secret " + ref.name() + " cannot be read: " + e.getMessage());
        }
        try (KubernetesClient remote = new KubernetesClientBuilder().withConfig(config).build()) {
            return new Outcome(true, remote.getKubernetesVersion().getGitVersion(), "Connected", "reached " + config.getMasterUrl());
        } catch (RuntimeException e) {
            return new Outcome(false, null, "Unreachable", "cannot reach " + config.getMasterUrl() + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
