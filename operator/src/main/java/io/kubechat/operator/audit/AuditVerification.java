package io.kubechat.operator.audit;

import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.audit.verify.VerificationResult;
import io.kubechat.operator.metrics.ExecutionMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Verifies the whole audit ledger at a fixed interval (kubechat.audit.verification-interval, 0 to
 * turn it off), so that an edit made directly in PostgreSQL raises the chart's
 * KubeChatAuditChainVerificationFailed alert without anyone asking for a verification.
 */
@ApplicationScoped
public class AuditVerification {

    private static final Logger LOG = Logger.getLogger(AuditVerification.class);

    private final AuditTrail audit;
    private final ExecutionMetrics metrics;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public AuditVerification(AuditTrail audit, ExecutionMetrics metrics,
            @ConfigProperty(name = "kubechat.audit.verification-interval", defaultValue = "1h") Duration interval) {
        this.audit = audit;
        this.metrics = metrics;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        if (interval.isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-verification");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::verify, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void verify() {
        long started = System.nanoTime();
        try {
            VerificationResult result = audit.ledger().verify();
            metrics.verified(result, Duration.ofNanos(System.nanoTime() - started));
            if (result.valid()) {
                LOG.debugf("audit ledger verified: %s", result);
            } else {
                LOG.errorf("audit ledger verification failed: %s", result);
            }
        } catch (AuditUnavailableException e) {
            // Not a failed verification: the database is away, which the append failures already report.
            LOG.warnf("audit ledger not verified, the database is unavailable: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("audit ledger verification could not run", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
