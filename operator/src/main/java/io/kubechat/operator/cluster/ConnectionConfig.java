package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.SecretKeyReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The client configuration of a connected cluster, read from the kubeconfig in the connection's
 * Secret once {@link KubeconfigTrust} accepts it; or why it cannot be had, as a CamelCase reason and a message.
 */
public record ConnectionConfig(Config config, String secretVersion, String reason, String message) {

    public boolean usable() {
        return config != null;
    }

    /** @param client the operator's client, which may read Secrets in the connection's namespace */
    public static ConnectionConfig read(KubernetesClient client, ClusterConnection connection, Duration timeout) {
        SecretKeyReference ref = connection.getSpec().kubeconfigSecretRef();
        String key = ref.key() == null ? "kubeconfig" : ref.key();
        String namespace = connection.getMetadata().getNamespace();
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
        if (secret == null) {
            return failed("SecretNotFound", "Secret " + ref.name() + " not found in namespace " + namespace);
        }
        if (secret.getData() == null || !secret.getData().containsKey(key)) {
            return failed("KeyNotFound", "Secret " + ref.name() + " has no key " + key);
        }
        try {
            String kubeconfig = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            Optional<String> refusal = KubeconfigTrust.refusal(kubeconfig);
            if (refusal.isPresent()) {
                return failed(KubeconfigTrust.UNTRUSTED, "the kubeconfig in Secret " + ref.name() + " is " + refusal.get());
            }
            Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                    .withConnectionTimeout((int) timeout.toMillis())
                    .withRequestTimeout((int) timeout.toMillis())
                    .withRequestRetryBackoffLimit(0)
                    .build();
            return new ConnectionConfig(config, secret.getMetadata().getResourceVersion(), null, null);
        } catch (RuntimeException e) {
            return failed("InvalidKubeconfig", "the kubeconfig in Secret " + ref.name() + " cannot be read: " + e.getMessage());
        }
    }

    private static ConnectionConfig failed(String reason, String message) {
        return new ConnectionConfig(null, null, reason, message);
    }
}
