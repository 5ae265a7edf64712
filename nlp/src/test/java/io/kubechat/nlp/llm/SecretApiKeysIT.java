package io.kubechat.nlp.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Provider keys read from a Secret on the real local control plane. */
@WithLocalCluster
class SecretApiKeysIT {

    @Test
    void readsTheKeyFromASecretWithoutShowingIt(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-keys");
        cluster.admin().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("llm").endMetadata()
                .addToData("api-key", Base64.getEncoder().encodeToString("sk-from-secret\n".getBytes(StandardCharsets.UTF_8)))
                .build()).create();
        LlmSettings settings = SecretApiKeys.withKeyFromSecret(
                new LlmSettings(LlmProvider.OPENAI, null, "gpt-4o-mini", null), cluster.admin(), ns, "llm", "api-key");
        assertThat(settings.apiKey()).isEqualTo("sk-from-secret");
        assertThat(settings.toString()).doesNotContain("sk-from-secret");
        assertThatThrownBy(() -> SecretApiKeys.read(cluster.admin(), ns, "llm", "other")).hasMessageContaining("no key other");
        assertThatThrownBy(() -> SecretApiKeys.read(cluster.admin(), ns, "missing", "api-key"))
                .hasMessageContaining("does not exist");
    }
}
