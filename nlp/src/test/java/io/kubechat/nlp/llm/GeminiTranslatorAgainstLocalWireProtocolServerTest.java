package io.kubechat.nlp.llm;

import io.kubechat.testsupport.LocalProviderServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.testsupport.LocalProviderServer.Received;
import io.kubechat.testsupport.LocalProviderServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Google Gemini's generateContent API, served by a local HTTP server. */
class GeminiTranslatorAgainstLocalWireProtocolServerTest extends ProviderWireProtocolContract {

    @Override
    LlmSettings settings(LocalProviderServer server, Duration timeout, int attempts) {
        return new LlmSettings(LlmProvider.GEMINI, server.url("/v1beta"), "gemini-2.0-flash", API_KEY, timeout, attempts,
                Duration.ofMillis(10));
    }

    @Override
    String success(String content) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "candidates", List.of(Map.of("content", Map.of("parts", List.of(Map.of("text", content)), "role", "model"),
                        "finishReason", "STOP", "index", 0)),
                "usageMetadata", Map.of("promptTokenCount", 250, "candidatesTokenCount", 40, "totalTokenCount", 290),
                "modelVersion", "gemini-2.0-flash"));
    }

    @Override
    Reply serverError() {
        return Reply.status(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
                + "\"status\":\"UNAVAILABLE\"}}");
    }

    @Override
    Reply permanentError() {
        return Reply.status(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                + "\"status\":\"INVALID_ARGUMENT\"}}");
    }

    @Override
    void assertWireRequest(Received request) throws Exception {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
        String key = request.header("x-goog-api-key");
        assertThat(key != null ? key : request.query()).contains(API_KEY);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("contents")).isNotEmpty();
        assertThat(body.toString()).contains("application/json");
    }

    @Override
    String engine() {
        return "gemini";
    }
}
