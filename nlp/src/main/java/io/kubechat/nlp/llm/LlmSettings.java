package io.kubechat.nlp.llm;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How to reach a model provider. The API key is held here only to build the client: it is left
 * out of {@link #toString()} and never logged or sent anywhere but the provider.
 *
 * @param baseUrl the provider's endpoint; null for the provider's public default
 * @param timeout for one call to the provider
 * @param attempts calls per request, retries included, with exponential backoff from {@code backoff}
 */
public record LlmSettings(LlmProvider provider, String baseUrl, String model, String apiKey, Duration timeout,
                          int attempts, Duration backoff) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(250);

    public LlmSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        attempts = attempts < 1 ? DEFAULT_ATTEMPTS : attempts;
        backoff = backoff == null ? DEFAULT_BACKOFF : backoff;
    }

    public LlmSettings(LlmProvider provider, String baseUrl, String model, String apiKey) {
        this(provider, baseUrl, model, apiKey, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /**
     * Settings from KUBECHAT_LLM_PROVIDER, KUBECHAT_LLM_MODEL, KUBECHAT_LLM_BASE_URL,
     * KUBECHAT_LLM_API_KEY (in Kubernetes, mounted from a Secret) and KUBECHAT_LLM_TIMEOUT_SECONDS;
     * null when no provider is configured, meaning the embedded translator alone.
     */
    public static LlmSettings fromEnvironment(Map<String, String> env) {
        return from(env::get);
    }

    /** The same settings from any source of those variables, such as the application's configuration. */
    public static LlmSettings from(UnaryOperator<String> variables) {
        String provider = variables.apply("KUBECHAT_LLM_PROVIDER");
        if (provider == null || provider.isBlank() || provider.equalsIgnoreCase("embedded")) {
            return null;
        }
        String timeout = variables.apply("KUBECHAT_LLM_TIMEOUT_SECONDS");
        return new LlmSettings(LlmProvider.fromName(provider.strip()), variables.apply("KUBECHAT_LLM_BASE_URL"),
                Objects.requireNonNull(variables.apply("KUBECHAT_LLM_MODEL"), "KUBECHAT_LLM_MODEL is required"),
                variables.apply("KUBECHAT_LLM_API_KEY"),
                timeout == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(Long.parseLong(timeout.strip())),
                DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "(hidden)") + ", timeout=" + timeout + ", attempts=" + attempts + "]";
    }
}
