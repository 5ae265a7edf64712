package io.kubechat.operator.audit;

import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.checkpoint.CheckpointPublisher;
import io.kubechat.audit.checkpoint.ConfigMapCheckpointPublisher;
import io.kubechat.audit.checkpoint.FileCheckpointPublisher;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.crds.v1alpha1.AuditReference;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.operator.metrics.ExecutionMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator's side of the audit ledger: every step of a CommandExecution becomes a record, and
 * a command is never executed when its record cannot be written. The ledger is opened (and its
 * schema migrated) on first use, so an unreachable database makes commands wait, not the operator fail.
 * <p>
 * The operator is the only signer: it holds the signing key, signs the checkpoints that cover every record
 * (the gateway's too) and publishes each to a ConfigMap (and a file, if configured) outside PostgreSQL, where it
 * also pins its public key for the gateway. The schema is migrated by the owner login
 * (kubechat.audit.owner.username/password) when one is configured; the runtime login must then own nothing and
 * hold only the writer role, or the ledger is not opened.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AgroalDataSource dataSource;
    private final KubernetesClient client;
    private final Path signingKeyFile;
    private final String origin;
    private final ExecutionMetrics metrics;
    private final AuditDatabase database;
    private final String namespace;
    private final Optional<String> checkpointConfigMap;
    private final Optional<Path> checkpointFile;
    private AuditLedger ledger;

    public AuditTrail(AgroalDataSource dataSource, KubernetesClient client,
            @ConfigProperty(name = "kubechat.audit.signing-key-file") Path signingKeyFile,
            @ConfigProperty(name = "kubechat.audit.origin") String origin, ExecutionMetrics metrics, AuditDatabase database,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String namespace,
            @ConfigProperty(name = "kubechat.audit.checkpoint-configmap", defaultValue = ConfigMapCheckpointPublisher.DEFAULT_NAME)
            Optional<String> checkpointConfigMap,
            @ConfigProperty(name = "kubechat.audit.checkpoint-file") Optional<Path> checkpointFile) {
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.client = client;
        this.signingKeyFile = signingKeyFile;
        this.origin = origin;
        this.database = database;
        this.namespace = namespace;
        this.checkpointConfigMap = checkpointConfigMap.filter(name -> !name.isBlank());
        this.checkpointFile = checkpointFile;
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
                database.migrate(dataSource);
                SigningKey key = SigningKey.loadOrGenerate(signingKeyFile);
                List<CheckpointPublisher> publishers = new ArrayList<>();
                checkpointConfigMap.ifPresent(name -> {
                    ConfigMapCheckpointPublisher configMap = new ConfigMapCheckpointPublisher(client, namespace, name);
                    configMap.pin(key.verificationKey());
                    publishers.add(configMap);
                });
                checkpointFile.ifPresent(file -> publishers.add(new FileCheckpointPublisher(file)));
                if (publishers.isEmpty()) {
                    LOG.warn("no checkpoint is published outside the database (kubechat.audit.checkpoint-configmap and"
                            + " kubechat.audit.checkpoint-file are empty): a tail cut together with its checkpoints goes unnoticed");
                }
                ledger = AuditLedger.open(dataSource, key, LedgerConfig.defaults(origin),
                        publishers.toArray(CheckpointPublisher[]::new));
            } catch (AuditUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AuditUnavailableException("the audit ledger cannot be opened: " + e.getMessage(), e);
            }
        }
        return ledger;
    }

    /**
     * Opens the ledger at start, so the public key is pinned in the checkpoint ConfigMap before any
     * command: the gateway verifies with it and refuses audit reads until it is there. A database not
     * reachable yet is opened at the first record instead.
     */
    void open(@Observes StartupEvent event) {
        try {
            ledger();
        } catch (AuditUnavailableException e) {
            LOG.warnf("the audit ledger is not open yet; it is opened at the first record: %s", e.getMessage());
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (ledger != null) {
            ledger.close();
        }
    }
}
