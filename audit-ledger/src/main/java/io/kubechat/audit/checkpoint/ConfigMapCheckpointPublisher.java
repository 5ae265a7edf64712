package io.kubechat.audit.checkpoint;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.audit.export.RecordJson;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Publishes the newest checkpoint, and the public key that verifies it, to a ConfigMap: outside PostgreSQL, under
 * Kubernetes RBAC (only the operator may write it), so someone who can rewrite the database cannot also rewind
 * what was published. {@code verify()} then compares the ledger with the newest published checkpoint: a tail
 * cut below it, or a log re-signed with another key, shows. Only the newest is kept (a ConfigMap holds 1 MiB);
 * it vouches for every record before it through the Merkle tree.
 */
public final class ConfigMapCheckpointPublisher implements CheckpointPublisher {

    public static final String DEFAULT_NAME = "kubechat-audit-checkpoints";
    static final String CHECKPOINT_KEY = "latest-checkpoint.json";
    static final String PUBLIC_KEY = "public-key.pem";
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public ConfigMapCheckpointPublisher(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /** Replaces the published checkpoint with {@code checkpoint} if it is newer (never goes back). */
    @Override
    public void publish(SignedCheckpoint checkpoint) {
        update(data -> {
            String current = data.get(CHECKPOINT_KEY);
            if (current != null && RecordJson.readCheckpoint(current).treeSize() >= checkpoint.treeSize()) {
                return null;
            }
            data.put(CHECKPOINT_KEY, RecordJson.checkpointLine(checkpoint));
            return data;
        });
    }

    @Override
    public List<SignedCheckpoint> published() {
        String line = data().get(CHECKPOINT_KEY);
        return line == null ? List.of() : List.of(RecordJson.readCheckpoint(line));
    }

    /**
     * Pins the signer's public key on first use, so that readers without the private key (the gateway) verify with
     * a key that did not come from the database.
     *
     * @throws IllegalStateException if a different key is already pinned: this process holds another key than the
     *                               one the published checkpoints were signed with
     */
    public void pin(VerificationKey key) {
        update(data -> {
            String pinned = data.get(PUBLIC_KEY);
            if (pinned != null) {
                if (!VerificationKey.fromPem(pinned).keyId().equals(key.keyId())) {
                    throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " pins audit key "
                            + VerificationKey.fromPem(pinned).keyId() + ", but this signing key is " + key.keyId());
                }
                return null;
            }
            data.put(PUBLIC_KEY, key.toPem());
            return data;
        });
    }

    /** The pinned public key. */
    public VerificationKey pinnedKey() {
        String pem = data().get(PUBLIC_KEY);
        if (pem == null) {
            throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " pins no audit public key yet"
                    + " (the operator pins it when it opens the ledger)");
        }
        return VerificationKey.fromPem(pem);
    }

    private Map<String, String> data() {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? Map.of() : cm.getData();
    }

    /** Read, change, write with the read resourceVersion; again on a conflict. {@code change} returns null for no write. */
    private void update(UnaryOperator<Map<String, String>> change) {
        for (int attempt = 1; ; attempt++) {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
            Map<String, String> data = new HashMap<>(cm == null || cm.getData() == null ? Map.of() : cm.getData());
            Map<String, String> changed = change.apply(data);
            if (changed == null) {
                return;
            }
            try {
                if (cm == null) {
                    client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                            .withNewMetadata().withName(name).withNamespace(namespace)
                            .addToLabels("app.kubernetes.io/part-of", "kubechat").endMetadata()
                            .withData(changed).build()).create();
                } else {
                    cm.setData(changed);
                    client.configMaps().inNamespace(namespace).resource(cm).update();
                }
                return;
            } catch (KubernetesClientException e) {
                // 409: another replica wrote first; read again and decide again.
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
