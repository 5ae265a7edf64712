package io.kubechat.nlp.llm;

import io.kubechat.testsupport.LocalProviderServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.testsupport.LocalProviderServer.Received;
import io.kubechat.testsupport.LocalProviderServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The OpenAI chat completions API (also vLLM, LM Studio, Ollama's /v1), served by a local HTTP server. */
class OpenAiTranslatorAgainstLocalWireProtocolServerTest extends ProviderWireProtocolContract {

    @Override
    LlmSettings settings(LocalProviderServer server, Duration timeout, int attempts) {
        return new LlmSettings(LlmProvider.OPENAI, server.url("/v1"), "gpt-4o-mini", API_KEY, timeout, attempts,
                Duration.ofMillis(10));
    }

    @Override
    String success(String content) throws Exception {
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-123", "object", "chat.completion", "created", 1700000000,
                "model", "gpt-4o-mini",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 250, "completion_tokens", 40, "total_tokens", 290)));
    }

    @Override
    Reply serverError() {
        return Reply.status(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    @Override
    Reply permanentError() {
        return Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":"
                + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    @Override
    void assertWireRequest(Received request) throws Exception {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(path());
        assertAuthentication(request);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("response_format").get("type").asText()).isEqualTo("json_object");
        assertThat(body.get("temperature").asDouble()).isZero();
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
        JsonNode user = JSON.readTree(body.get("messages").get(1).get("content").asText());
        assertThat(user.get("namespace").asText()).isEqualTo("default");
    }

    String path() {
        return "/v1/chat/completions";
    }

    void assertAuthentication(Received request) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @Override
    String engine() {
        return "openai";
    }
}
