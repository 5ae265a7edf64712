package io.kubechat.nlp.llm;

import io.kubechat.testsupport.LocalProviderServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.testsupport.LocalProviderServer.Received;
import io.kubechat.testsupport.LocalProviderServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API (/v1/messages), served by a local HTTP server. */
class AnthropicTranslatorAgainstLocalWireProtocolServerTest extends ProviderWireProtocolContract {

    @Override
    LlmSettings settings(LocalProviderServer server, Duration timeout, int attempts) {
        return new LlmSettings(LlmProvider.ANTHROPIC, server.url("/v1/"), "claude-3-5-haiku-20241022", API_KEY, timeout,
                attempts, Duration.ofMillis(10));
    }

    @Override
    String success(String content) throws Exception {
        return JSON.writeValueAsString(Map.of("id", "msg_01XFDUDYJgAACzvnptvVoYEL", "type", "message",
                "role", "assistant", "model", "claude-3-5-haiku-20241022",
                "content", List.of(Map.of("type", "text", "text", content)),
                "stop_reason", "end_turn", "usage", Map.of("input_tokens", 250, "output_tokens", 40)));
    }

    @Override
    Reply serverError() {
        return Reply.status(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    @Override
    Reply permanentError() {
        return Reply.status(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key\"}}");
    }

    @Override
    void assertWireRequest(Received request) throws Exception {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(API_KEY);
        assertThat(request.header("anthropic-version")).isNotBlank();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("model").asText()).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(body.get("max_tokens").asInt()).isPositive();
        assertThat(body.get("system").toString()).contains("structured command");
        assertThat(body.get("messages")).hasSize(1);
    }

    @Override
    String engine() {
        return "anthropic";
    }
}
