package io.kubechat.nlp.llm;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads a provider's API key from a Kubernetes Secret, so it never appears in configuration or environment dumps. */
public final class SecretApiKeys {

    private SecretApiKeys() {
    }

    /** The value under {@code key} in Secret {@code namespace/name}. */
    public static String read(KubernetesClient client, String namespace, String name, String key) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new IllegalStateException("secret " + namespace + "/" + name + " does not exist");
        }
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8).strip();
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key).strip();
        }
        throw new IllegalStateException("secret " + namespace + "/" + name + " has no key " + key);
    }

    /** The same settings with the key read from the Secret. */
    public static LlmSettings withKeyFromSecret(LlmSettings settings, KubernetesClient client, String namespace,
                                                String name, String key) {
        return new LlmSettings(settings.provider(), settings.baseUrl(), settings.model(),
                read(client, namespace, name, key), settings.timeout(), settings.attempts(), settings.backoff());
    }
}
