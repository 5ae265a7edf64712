package io.kubechat.operator.command;

import io.kubechat.testsupport.LocalProviderServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The operator configured as the chart configures it for an OpenAI provider (KUBECHAT_LLM_*), pointed
 * at a local HTTP server that speaks the OpenAI chat completions protocol; the ledger is verified every second.
 */
public class ModelTranslationProfile implements QuarkusTestProfile {

    static final String API_KEY = "sk-test-operator-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "KUBECHAT_LLM_PROVIDER", "openai",
                "KUBECHAT_LLM_MODEL", "gpt-4o-mini",
                "KUBECHAT_LLM_API_KEY", API_KEY,
                "KUBECHAT_LLM_TIMEOUT_SECONDS", "5",
                "kubechat.audit.verification-interval", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalOpenAiServer.class));
    }

    /** Starts the provider's stand-in before the operator, and tells the operator where it is. */
    public static class LocalOpenAiServer implements QuarkusTestResourceLifecycleManager {

        private static LocalProviderServer server;

        static LocalProviderServer server() {
            return server;
        }

        @Override
        public Map<String, String> start() {
            try {
                server = new LocalProviderServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("KUBECHAT_LLM_BASE_URL", server.url("/v1"));
        }

        @Override
        public void stop() {
            server.close();
        }
    }
}
