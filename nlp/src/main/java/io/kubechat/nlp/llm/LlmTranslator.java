package io.kubechat.nlp.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.Translation;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.Translator;
import io.kubechat.nlp.command.CommandValidator;
import io.kubechat.nlp.embedded.RequestSanitizer;
import io.kubechat.nlp.embedded.SanitizedRequest;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.render.Explainer;
import io.kubechat.nlp.render.KubectlRenderer;
import io.kubechat.nlp.resolve.NameResolver;
import io.kubechat.nlp.risk.RiskClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Translates with a language model, and falls back to another translator (the embedded one)
 * whenever the model is unreachable, slow, refuses, or replies with anything that is not a valid
 * command. Calls are retried with exponential backoff and guarded by a circuit breaker, so a
 * provider that is down costs one fast fallback per request, not a timeout each. With a name
 * resolver (the requester's), the prompt names the objects they can see and a reply naming any
 * other object is refused like an invalid one.
 */
public final class LlmTranslator implements Translator {

    private static final double CONFIDENCE = 0.8;

    private final String engine;
    private final ChatModel model;
    private final Translator fallback;
    private final KindLexicon kinds;
    private final VisibleNames visible;
    private final CommandPrompt prompt;
    private final CommandValidator validator;
    private final KubectlRenderer renderer;
    private final Explainer explainer;
    private final RiskClassifier classifier = new RiskClassifier();
    private final RequestSanitizer sanitizer = new RequestSanitizer();
    private final Retry retry;
    private final CircuitBreaker breaker;

    public LlmTranslator(LlmSettings settings, Translator fallback) {
        this(settings, fallback, List.of());
    }

    /** @param listeners told of every call to the provider, for metrics */
    public LlmTranslator(LlmSettings settings, Translator fallback, List<ChatModelListener> listeners) {
        this(settings.provider().engine(), ChatModels.create(settings, listeners), fallback, settings.attempts(), settings.backoff(),
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }

    /** With an explicit model and breaker settings, for tests and for callers that build their own client. */
    public LlmTranslator(String engine, ChatModel model, Translator fallback, int attempts, Duration backoff,
                         CircuitBreakerConfig breakerConfig) {
        KindLexicon kinds = KindLexicon.builtIn();
        this.engine = engine;
        this.model = model;
        this.fallback = fallback;
        this.kinds = kinds;
        this.visible = null;
        this.prompt = new CommandPrompt(kinds);
        this.validator = new CommandValidator(kinds);
        this.renderer = new KubectlRenderer(kinds);
        this.explainer = new Explainer(kinds);
        this.retry = Retry.of(engine, RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2.0))
                .retryOnException(LlmTranslator::worthRetrying)
                .build());
        this.breaker = CircuitBreaker.of(engine, breakerConfig);
    }

    private LlmTranslator(LlmTranslator shared, NameResolver resolver, Translator fallback) {
        this.engine = shared.engine;
        this.model = shared.model;
        this.fallback = fallback;
        this.kinds = shared.kinds;
        this.visible = resolver == null ? null : new VisibleNames(shared.kinds, resolver);
        this.prompt = shared.prompt;
        this.validator = shared.validator;
        this.renderer = shared.renderer;
        this.explainer = shared.explainer;
        this.retry = shared.retry;
        this.breaker = shared.breaker;
    }

    /**
     * This translator for one requester, sharing the client, retry and circuit breaker: names are
     * grounded in what {@code resolver} (read with the requester's rights) lists, and the fallback
     * is an embedded translator that resolves names the same way.
     *
     * @param resolver the requester's objects; null to check names by shape alone
     */
    public LlmTranslator groundedIn(NameResolver resolver, Translator fallback) {
        return new LlmTranslator(this, resolver, fallback);
    }

    @Override
    public String engine() {
        return engine;
    }

    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    @Override
    public TranslationResult translate(TranslationRequest request) {
        SanitizedRequest clean = sanitizer.sanitize(request.text());
        List<String> notes = new ArrayList<>();
        clean.dropped().forEach(d -> notes.add("dropped " + d));
        if (clean.text().isBlank()) {
            return fallBack(request, notes, "nothing was left to send to the model");
        }
        Command previous = request.previous();
        String previousKubectl = previous == null || !validator.problems(previous).isEmpty() ? null
                : renderer.render(previous);
        VisibleNames.Listing listing = visible == null ? null
                : visible.listing(clean.text(), previous, request.defaultNamespace());
        ChatRequest chat = ChatRequest.builder()
                .messages(prompt.messages(clean.text(), request.defaultNamespace(), previous, previousKubectl, listing))
                .build();
        Supplier<String> call = () -> model.chat(chat).aiMessage().text();
        String reply;
        try {
            reply = breaker.executeSupplier(Retry.decorateSupplier(retry, call));
        } catch (CallNotPermittedException e) {
            return fallBack(request, notes, engine + " is failing, its circuit breaker is open");
        } catch (RuntimeException e) {
            // the exception's class says enough; its message may quote the provider's response
            return fallBack(request, notes, engine + " did not answer (" + e.getClass().getSimpleName() + ")");
        }
        ModelReply parsed = ModelReply.read(reply, validator);
        if (parsed.command() == null) {
            return fallBack(request, notes, engine + " gave no usable command: " + parsed.rejection());
        }
        Command command = parsed.command();
        String grounded = null;
        if (visible != null) {
            VisibleNames.Checked checked = visible.check(command, request.defaultNamespace());
            if (checked.command() == null) {
                return fallBack(request, notes, engine + " named what you cannot see: " + checked.refusal());
            }
            command = checked.command();
            grounded = checked.note();
        }
        String explanation = explainer.explain(command, request.defaultNamespace());
        if (grounded != null) {
            notes.add(grounded);
            explanation = explanation + " (" + grounded + ".)";
        }
        Translation translation = new Translation(command, renderer.render(command), explanation, engine, CONFIDENCE,
                null);
        return new TranslationResult(translation, classifier.classify(command, request.defaultNamespace()), notes, null);
    }

    private TranslationResult fallBack(TranslationRequest request, List<String> notes, String why) {
        TranslationResult result = fallback.translate(request);
        List<String> all = new ArrayList<>(notes);
        all.add(why + "; used the " + fallback.engine() + " translator");
        result.notes().stream().filter(n -> !all.contains(n)).forEach(all::add);
        return new TranslationResult(result.translation(), result.risk(), all, result.error());
    }

    /** Authentication, unknown models and rejected requests will fail the same way again. */
    private static boolean worthRetrying(Throwable e) {
        return !(e instanceof AuthenticationException || e instanceof ModelNotFoundException
                || e instanceof InvalidRequestException || e instanceof NonRetriableException);
    }
}
