package io.kubechat.operator.audit;

import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.LedgerSchema;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.crds.v1alpha1.AuditReference;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.operator.metrics.ExecutionMetrics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's side of the audit ledger: every step of a CommandExecution becomes a record, and
 * a command is never executed when its record cannot be written. The ledger is opened (and its
 * schema migrated) on first use, so an unreachable database makes commands wait, not the operator fail.
 */
@ApplicationScoped
public class AuditTrail {

    private final AgroalDataSource dataSource;
    private final Path signingKeyFile;
    private final String origin;
    private final ExecutionMetrics metrics;
    private AuditLedger ledger;

    public AuditTrail(AgroalDataSource dataSource,
            @ConfigProperty(name = "kubechat.audit.signing-key-file") Path signingKeyFile,
            @ConfigProperty(name = "kubechat.audit.origin") String origin, ExecutionMetrics metrics) {
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.signingKeyFile = signingKeyFile;
        this.origin = origin;
    }

    /**
     * Appends one step of {@code ce}; returns only once it is durable.
     *
     * @param actor    who acted in this step: the requester, or the approver for an approval
     * @throws AuditUnavailableException when PostgreSQL cannot take the record
     */
    public AuditReference record(CommandExecution ce, CommandExecutionStatus status, String eventType, Identity actor,
            String namespace, String decision, String reason, String outcome, String result) {
        var translation = status == null ? null : status.translation();
        AuditEvent event = AuditEvent.builder(eventType)
                .actor(actor == null ? Actor.system() : new Actor(actor.user(), actor.groups() == null ? List.of() : actor.groups(), null, null))
                .cluster(ce.getSpec().cluster())
                .namespace(namespace)
                .sessionRef(ce.getSpec().sessionRef() == null ? null : ce.getMetadata().getNamespace() + "/" + ce.getSpec().sessionRef().name())
                .commandRef(ce.getMetadata().getNamespace() + "/" + ce.getMetadata().getName() + "/" + ce.getMetadata().getUid())
                .requestText(ce.getSpec().request())
                .command(translation == null || translation.command() == null ? null : Serialization.asJson(translation.command()))
                .kubectl(translation == null ? null : translation.kubectl())
                .riskLevel(status == null || status.risk() == null ? null : status.risk().level().name().toLowerCase(Locale.ROOT))
                .decision(decision)
                .reason(reason)
                .outcome(outcome)
                .result(result)
                .build();
        AuditRecord record = metrics.auditAppend(() -> ledger().append(event));
        return new AuditReference(record.sequence(), HexFormat.of().formatHex(record.hash()));
    }

    /** The open ledger, opened now if need be. */
    public synchronized AuditLedger ledger() {
        if (ledger == null) {
            try {
                LedgerSchema.of(dataSource).migrate();
                ledger = AuditLedger.open(dataSource, SigningKey.loadOrGenerate(signingKeyFile), LedgerConfig.defaults(origin));
            } catch (AuditUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AuditUnavailableException("the audit ledger cannot be opened: " + e.getMessage(), e);
            }
        }
        return ledger;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (ledger != null) {
            ledger.close();
        }
    }
}
