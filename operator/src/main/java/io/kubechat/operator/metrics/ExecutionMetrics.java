package io.kubechat.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the operator did, for Prometheus (/q/metrics): commands by verb, risk and outcome, how long
 * translation, audit appends and approvals take, and audit appends that failed. The alert rules and
 * dashboard in the Helm chart (helm/kubechat/files) read these names; the histograms feed their quantiles.
 */
@ApplicationScoped
public class ExecutionMetrics {

    private final MeterRegistry registry;

    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
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

    /** Times one translation by {@code engine}. */
    public <T> T translation(String engine, Supplier<T> translate) {
        return Timer.builder("kubechat.translation.duration").description("Time to translate a request").tag("engine", engine)
                .publishPercentileHistogram().register(registry).record(translate);
    }

    /** Times one audit append; a failed one also counts as a failure. */
    public <T> T auditAppend(Supplier<T> append) {
        try {
            return Timer.builder("kubechat.audit.append.duration").description("Time for an audit record to become durable")
                    .publishPercentileHistogram().register(registry).record(append);
        } catch (RuntimeException e) {
            Counter.builder("kubechat.audit.append.failures").description("Audit appends that failed").register(registry).increment();
            throw e;
        }
    }

    /** How long a command waited between being held and being decided. */
    public void approvalWait(String decision, Duration waited) {
        Timer.builder("kubechat.approval.wait").description("Time from being held for approval to the decision")
                .tag("decision", decision).publishPercentileHistogram().register(registry).record(waited);
    }
}
