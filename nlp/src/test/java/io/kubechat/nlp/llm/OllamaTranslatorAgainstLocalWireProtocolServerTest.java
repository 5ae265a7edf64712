package io.kubechat.nlp.llm;

import io.kubechat.testsupport.LocalProviderServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.testsupport.LocalProviderServer.Received;
import io.kubechat.testsupport.LocalProviderServer.Reply;
import java.time.Duration;
import java.util.Map;

/** Ollama's native /api/chat, served by a local HTTP server. */
class OllamaTranslatorAgainstLocalWireProtocolServerTest extends ProviderWireProtocolContract {

    @Override
    LlmSettings settings(LocalProviderServer server, Duration timeout, int attempts) {
        return new LlmSettings(LlmProvider.OLLAMA, server.url(""), "llama3.1", null, timeout, attempts,
                Duration.ofMillis(10));
    }

    @Override
    String success(String content) throws Exception {
        return JSON.writeValueAsString(Map.ofEntries(Map.entry("model", "llama3.1"),
                Map.entry("created_at", "2026-11-26T12:00:00.000000Z"),
                Map.entry("message", Map.of("role", "assistant", "content", content)),
                Map.entry("done_reason", "stop"), Map.entry("done", true), Map.entry("total_duration", 5_000_000L),
                Map.entry("load_duration", 1_000_000L), Map.entry("prompt_eval_count", 250),
                Map.entry("prompt_eval_duration", 2_000_000L), Map.entry("eval_count", 40),
                Map.entry("eval_duration", 2_000_000L)));
    }

    @Override
    Reply serverError() {
        return Reply.status(500, "{\"error\":\"llama runner process has terminated: signal: killed\"}");
    }

    @Override
    Reply permanentError() {
        return Reply.status(404, "{\"error\":\"model \\\"llama3.1\\\" not found, try pulling it first\"}");
    }

    @Override
    void assertWireRequest(Received request) throws Exception {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/chat");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("model").asText()).isEqualTo("llama3.1");
        assertThat(body.get("format").asText()).isEqualTo("json");
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.get("messages")).hasSize(2);
    }

    @Override
    String engine() {
        return "ollama";
    }
}
