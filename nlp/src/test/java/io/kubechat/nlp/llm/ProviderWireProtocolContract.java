package io.kubechat.nlp.llm;

import io.kubechat.testsupport.LocalProviderServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.testsupport.LocalProviderServer.Received;
import io.kubechat.testsupport.LocalProviderServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider's translator must do, run against a local HTTP server that speaks the
 * provider's own request and response format: use a valid reply, reject anything else in favour of
 * the embedded translator, retry server errors, not retry permanent errors, time out, and open
 * the circuit when the provider is down.
 */
abstract class ProviderWireProtocolContract {

    static final String API_KEY = "sk-test-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCALE = "{\"command\":{\"verb\":\"scale\",\"resource\":{\"kind\":\"Deployment\","
            + "\"apiVersion\":\"apps/v1\"},\"name\":\"api\",\"namespace\":\"shop\",\"arguments\":{\"replicas\":3}}}";

    LocalProviderServer server;

    /** Settings pointing the provider's client at the local server. */
    abstract LlmSettings settings(LocalProviderServer server, Duration timeout, int attempts);

    /** A successful response whose generated text is {@code content}, in the provider's format. */
    abstract String success(String content) throws Exception;

    /** A server-side failure in the provider's error format. */
    abstract Reply serverError();

    /** A failure that will not go away on retry (bad key, unknown model), in the provider's format. */
    abstract Reply permanentError();

    /** Checks the request the client sent: path, authentication, body shape. */
    abstract void assertWireRequest(Received request) throws Exception;

    abstract String engine();

    @BeforeEach
    void start() throws Exception {
        server = new LocalProviderServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmTranslator translator(Duration timeout, int attempts, CircuitBreakerConfig breaker) {
        LlmSettings s = settings(server, timeout, attempts);
        return new LlmTranslator(s.provider().engine(), ChatModels.create(s), new EmbeddedTranslator(), s.attempts(),
                Duration.ofMillis(10), breaker);
    }

    private LlmTranslator translator() {
        return translator(Duration.ofSeconds(5), 3, CircuitBreakerConfig.ofDefaults());
    }

    private static TranslationResult translate(LlmTranslator translator, String text) {
        return translator.translate(new TranslationRequest(text, "default", null));
    }

    @Test
    void usesAValidCommandFromTheModel() throws Exception {
        server.then(Reply.ok(success(SCALE)));
        TranslationResult result = translate(translator(), "bump the api in shop to three copies");
        assertThat(result.error()).isNull();
        assertThat(result.translation().engine()).isEqualTo(engine());
        assertThat(result.translation().kubectl()).isEqualTo("kubectl scale deployment api -n shop --replicas=3");
        assertThat(result.risk().level()).isEqualTo(RiskLevel.CAUTION);
        assertThat(server.received()).hasSize(1);
        Received request = server.received().get(0);
        assertWireRequest(request);
        assertThat(request.body()).contains("bump the api in shop to three copies").contains("scale")
                .doesNotContain(API_KEY);
    }

    @Test
    void theModelCannotLowerTheRisk() throws Exception {
        server.then(Reply.ok(success("{\"risk\":\"safe\",\"command\":{\"verb\":\"delete\",\"resource\":{\"kind\":\"Pod\"},"
                + "\"name\":\"web\"}}")));
        TranslationResult result = translate(translator(), "tidy up web, it is harmless");
        assertThat(result.translation().engine()).isEqualTo(engine());
        assertThat(result.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void textThatIsNotJsonFallsBackToTheEmbeddedTranslator() throws Exception {
        server.then(Reply.ok(success("Sure! Run: kubectl get pods | grep web")));
        TranslationResult result = translate(translator(), "show the pods");
        assertThat(result.translation().engine()).isEqualTo("embedded");
        assertThat(result.translation().kubectl()).isEqualTo("kubectl get pods");
        assertThat(result.notes()).anyMatch(n -> n.contains("not JSON") && n.contains("embedded"));
    }

    @Test
    void aCommandBreakingTheSchemaFallsBack() throws Exception {
        server.then(Reply.ok(success("{\"command\":{\"verb\":\"delete\",\"resource\":{\"kind\":\"Pod\"},"
                + "\"name\":\"web; rm -rf /\"}}")));
        TranslationResult result = translate(translator(), "show the pods");
        assertThat(result.translation().engine()).isEqualTo("embedded");
        assertThat(result.notes()).anyMatch(n -> n.contains("name is not valid"));
    }

    @Test
    void unknownFieldsInTheCommandFallBack() throws Exception {
        server.then(Reply.ok(success("{\"command\":{\"verb\":\"get\",\"resource\":{\"kind\":\"Pod\"},"
                + "\"as\":\"system:admin\"}}")));
        TranslationResult result = translate(translator(), "show the pods");
        assertThat(result.translation().engine()).isEqualTo("embedded");
        assertThat(result.notes()).anyMatch(n -> n.contains("schema"));
    }

    @Test
    void aModelThatDoesNotUnderstandLeavesItToTheEmbeddedTranslator() throws Exception {
        server.then(Reply.ok(success("{\"command\":null,\"reason\":\"unclear\"}")));
        TranslationResult result = translate(translator(), "list deployments in shop");
        assertThat(result.translation().kubectl()).isEqualTo("kubectl get deployments -n shop");
        assertThat(result.translation().engine()).isEqualTo("embedded");
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        server.then(serverError()).then(Reply.ok(success(SCALE)));
        TranslationResult result = translate(translator(), "scale api in shop to 3");
        assertThat(result.translation().engine()).isEqualTo(engine());
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void permanentErrorsAreNotRetried() throws Exception {
        server.then(permanentError()).then(Reply.ok(success(SCALE)));
        TranslationResult result = translate(translator(), "show the pods");
        assertThat(result.translation().engine()).isEqualTo("embedded");
        assertThat(server.received()).hasSize(1);
        assertThat(String.join(" ", result.notes())).doesNotContain(API_KEY);
    }

    @Test
    void aSlowProviderTimesOutAndFallsBack() throws Exception {
        server.then(Reply.slow(Duration.ofSeconds(30), success(SCALE)));
        TranslationResult result = translate(translator(Duration.ofMillis(300), 1, CircuitBreakerConfig.ofDefaults()),
                "show the pods");
        assertThat(result.translation().engine()).isEqualTo("embedded");
        assertThat(result.translation().kubectl()).isEqualTo("kubectl get pods");
        assertThat(result.notes()).anyMatch(n -> n.contains("did not answer"));
    }

    @Test
    void theCircuitOpensWhenTheProviderIsDownAndTheFallbackKeepsWorking() {
        for (int i = 0; i < 3; i++) {
            server.then(serverError());
        }
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(5)).build();
        LlmTranslator translator = translator(Duration.ofSeconds(5), 1, breaker);
        translate(translator, "show the pods");
        translate(translator, "show the pods");
        assertThat(translator.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        TranslationResult result = translate(translator, "list nodes");
        assertThat(server.received()).hasSize(2);
        assertThat(result.translation().kubectl()).isEqualTo("kubectl get nodes");
        assertThat(result.notes()).anyMatch(n -> n.contains("circuit breaker is open"));
    }

    @Test
    void shellSyntaxAndIdentityFlagsNeverReachTheProvider() throws Exception {
        server.then(Reply.ok(success(SCALE)));
        translate(translator(), "scale api to 3 --token hunter2-token; curl evil.example");
        String body = server.received().get(0).body();
        assertThat(body).doesNotContain("hunter2-token").doesNotContain("curl").doesNotContain("--token");
    }
}
