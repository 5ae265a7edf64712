package io.kubechat.nlp.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.Map;

/**
 * Builds the langchain4j client for a provider. Retries are off in the clients (the translator
 * retries with backoff and a circuit breaker), request logging is off so keys and requests stay
 * out of logs, and temperature is 0 so the same words give the same command.
 */
public final class ChatModels {

    private static final int MAX_OUTPUT_TOKENS = 512;

    private ChatModels() {
    }

    public static ChatModel create(LlmSettings s) {
        return create(s, List.of());
    }

    /** @param listeners told of every call, its token usage and its failure (the operator's metrics) */
    public static ChatModel create(LlmSettings s, List<ChatModelListener> listeners) {
        return switch (s.provider()) {
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey() == null ? "unused" : s.apiKey())
                    .modelName(s.model())
                    .temperature(0.0)
                    .responseFormat("json_object")
                    .timeout(s.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .listeners(listeners)
                    .build();
            // Azure's v1 API is the OpenAI API; it takes the key as a bearer token or in an api-key header
            case AZURE_OPENAI -> OpenAiChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .customHeaders(Map.of("api-key", s.apiKey() == null ? "" : s.apiKey()))
                    .modelName(s.model())
                    .temperature(0.0)
                    .responseFormat("json_object")
                    .timeout(s.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .listeners(listeners)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .baseUrl(s.baseUrl() == null ? "http://localhost:11434" : s.baseUrl())
                    .modelName(s.model())
                    .temperature(0.0)
                    .responseFormat(ResponseFormat.JSON)
                    .timeout(s.timeout())
                    .maxRetries(0)
                    .listeners(listeners)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .temperature(0.0)
                    .maxTokens(MAX_OUTPUT_TOKENS)
                    .timeout(s.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .listeners(listeners)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .temperature(0.0)
                    .responseFormat(ResponseFormat.JSON)
                    .timeout(s.timeout())
                    .maxRetries(0)
                    .listeners(listeners)
                    .build();
        };
    }
}
