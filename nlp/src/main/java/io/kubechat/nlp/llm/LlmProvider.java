package io.kubechat.nlp.llm;

import java.util.Locale;

/** The model providers KubeChat can translate with; the name is recorded as the translation's engine. */
public enum LlmProvider {
    OPENAI("openai"),
    /** Any server speaking the OpenAI chat completions API: vLLM, LM Studio, Ollama's /v1. */
    OPENAI_COMPATIBLE("openai-compatible"),
    /** Azure OpenAI through its OpenAI-compatible v1 API (https://RESOURCE.openai.azure.com/openai/v1). */
    AZURE_OPENAI("azure-openai"),
    OLLAMA("ollama"),
    ANTHROPIC("anthropic"),
    GEMINI("gemini");

    private final String engine;

    LlmProvider(String engine) {
        this.engine = engine;
    }

    public String engine() {
        return engine;
    }

    public static LlmProvider fromName(String name) {
        for (LlmProvider provider : values()) {
            if (provider.engine.equalsIgnoreCase(name) || provider.name().equalsIgnoreCase(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown LLM provider " + name + "; one of openai, openai-compatible, "
                + "azure-openai, ollama, anthropic, gemini");
    }

    @Override
    public String toString() {
        return engine.toLowerCase(Locale.ROOT);
    }
}
