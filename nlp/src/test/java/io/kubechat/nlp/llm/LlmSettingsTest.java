package io.kubechat.nlp.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubechat.nlp.Translators;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

    @Test
    void noProviderMeansTheEmbeddedTranslator() {
        assertThat(LlmSettings.fromEnvironment(Map.of())).isNull();
        assertThat(Translators.fromEnvironment(Map.of("KUBECHAT_LLM_PROVIDER", "embedded"), null))
                .isInstanceOf(EmbeddedTranslator.class);
    }

    @Test
    void aProviderIsReadFromTheEnvironment() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("KUBECHAT_LLM_PROVIDER", "ollama",
                "KUBECHAT_LLM_MODEL", "llama3.1", "KUBECHAT_LLM_BASE_URL", "http://ollama:11434",
                "KUBECHAT_LLM_TIMEOUT_SECONDS", "4"));
        assertThat(settings.provider()).isEqualTo(LlmProvider.OLLAMA);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(Translators.create(settings, null).engine()).isEqualTo("ollama");
    }

    @Test
    void theKeyNeverShowsInToString() {
        LlmSettings settings = new LlmSettings(LlmProvider.OPENAI, null, "gpt-4o-mini", "sk-very-secret");
        assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("(hidden)");
    }

    @Test
    void unknownProvidersAreRejectedByName() {
        assertThatThrownBy(() -> LlmProvider.fromName("skynet")).hasMessageContaining("openai");
        assertThat(LlmProvider.fromName("azure-openai")).isEqualTo(LlmProvider.AZURE_OPENAI);
    }
}
