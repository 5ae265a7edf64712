package io.kubechat.nlp.llm;

import io.kubechat.testsupport.LocalProviderServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.testsupport.LocalProviderServer.Received;
import java.time.Duration;

/** Azure OpenAI's OpenAI-compatible v1 API (/openai/v1/chat/completions, api-key header), served locally. */
class AzureOpenAiTranslatorAgainstLocalWireProtocolServerTest extends OpenAiTranslatorAgainstLocalWireProtocolServerTest {

    @Override
    LlmSettings settings(LocalProviderServer server, Duration timeout, int attempts) {
        return new LlmSettings(LlmProvider.AZURE_OPENAI, server.url("/openai/v1"), "gpt-4o-mini", API_KEY, timeout,
                attempts, Duration.ofMillis(10));
    }

    @Override
    String path() {
        return "/openai/v1/chat/completions";
    }

    @Override
    void assertAuthentication(Received request) {
        assertThat(request.header("api-key")).isEqualTo(API_KEY);
    }

    @Override
    String engine() {
        return "azure-openai";
    }
}
