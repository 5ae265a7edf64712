package io.kubechat.operator.metrics;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.kubechat.audit.verify.VerificationResult;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.nlp.TranslationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the operator did, for Prometheus (/q/metrics): commands by verb, risk and outcome, commands
 * still to be moved on, how long translation, audit appends and approvals take, audit appends and
 * verifications that failed, Events not recorded, and calls to a language model with their tokens. The alert rules and
 * dashboard in the Helm chart (helm/kubechat/files) read these names; the histograms feed their quantiles.
 */
@ApplicationScoped
public class ExecutionMetrics {

    private final MeterRegistry registry;
    private final Counter appendFailures;
    private final Counter verificationFailures;
    private final Counter eventsFailed;
    private final AtomicBoolean pendingCounted = new AtomicBoolean();

    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front: an alert on an increase needs the series to exist before the first failure.
        this.appendFailures = Counter.builder("kubechat.audit.append.failures").description("Audit appends that failed").register(registry);
        this.verificationFailures = Counter.builder("kubechat.audit.verification.failures")
                .description("Verifications of the audit ledger that found a modified, missing, inserted or reordered record")
                .register(registry);
        this.eventsFailed = Counter.builder("kubechat.events.failed")
                .description("Kubernetes Events the API server did not take").register(registry);
    }

    /** The API server did not take an Event. */
    public void eventFailed() {
        eventsFailed.increment();
    }

    /** A command reached a final phase. */
    public void finished(String verb, String risk, String phase) {
        Counter.builder("kubechat.executions")
                .description("CommandExecutions that reached a final phase")
                .tag("verb", verb == null ? "none" : verb)
                .tag("risk", risk == null ? "none" : risk.toLowerCase(Locale.ROOT))
                .tag("outcome", phase.toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    /** Times one translation, by the engine that made it: a model, or the embedded translator (also when a model fell back to it). */
    public TranslationResult translation(Supplier<TranslationResult> translate) {
        Timer.Sample sample = Timer.start(registry);
        TranslationResult result = translate.get();
        String engine = result.translation() == null ? "none" : result.translation().engine();
        sample.stop(Timer.builder("kubechat.translation.duration").description("Time to translate a request").tag("engine", engine)
                .publishPercentileHistogram().register(registry));
        return result;
    }

    /**
     * Counts, from the informer cache, the CommandExecutions the operator has still to move on: not
     * final and not held for approval. Registered on the first reconcile, when the cache exists.
     */
    public void countPending(IndexedResourceCache<CommandExecution> cache) {
        if (pendingCounted.compareAndSet(false, true)) {
            Gauge.builder("kubechat.commandexecutions.pending", cache, c -> c.list().filter(ExecutionMetrics::pending).count())
                    .description("CommandExecutions not yet final and not awaiting approval").register(registry);
        }
    }

    private static boolean pending(CommandExecution ce) {
        CommandExecutionStatus status = ce.getStatus();
        ExecutionPhase phase = status == null ? null : status.phase();
        return phase == null || !(phase.isTerminal() || phase == ExecutionPhase.AwaitingApproval);
    }

    /** One verification of the whole ledger, and how long it took. */
    public void verified(VerificationResult result, Duration took) {
        Timer.builder("kubechat.audit.verification.duration").description("Time to verify the whole audit ledger")
                .register(registry).record(took);
        if (!result.valid()) {
            verificationFailures.increment();
        }
    }

    /** Counts a provider's calls by outcome, and the input and output tokens they used. */
    public ChatModelListener languageModelCalls(String provider) {
        return new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext context) {
                call(provider, "success");
                TokenUsage usage = context.chatResponse().tokenUsage();
                if (usage != null) {
                    tokens(provider, "input", usage.inputTokenCount());
                    tokens(provider, "output", usage.outputTokenCount());
                }
            }

            @Override
            public void onError(ChatModelErrorContext context) {
                call(provider, "error");
            }
        };
    }

    private void call(String provider, String outcome) {
        Counter.builder("kubechat.llm.calls").description("Calls to a language model provider")
                .tag("provider", provider).tag("outcome", outcome).register(registry).increment();
    }

    private void tokens(String provider, String kind, Integer count) {
        if (count != null) {
            Counter.builder("kubechat.llm.tokens").description("Tokens a language model provider read (input) and wrote (output)")
                    .tag("provider", provider).tag("kind", kind).register(registry).increment(count);
        }
    }

    /** Times one audit append; a failed one also counts as a failure. */
    public <T> T auditAppend(Supplier<T> append) {
        try {
            return Timer.builder("kubechat.audit.append.duration").description("Time for an audit record to become durable")
                    .publishPercentileHistogram().register(registry).record(append);
        } catch (RuntimeException e) {
            appendFailures.increment();
            throw e;
        }
    }

    /** How long a command waited between being held and being decided. */
    public void approvalWait(String decision, Duration waited) {
        Timer.builder("kubechat.approval.wait").description("Time from being held for approval to the decision")
                .tag("decision", decision).publishPercentileHistogram().register(registry).record(waited);
    }
}
