package io.kubechat.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.LedgerSchema;
import io.kubechat.audit.checkpoint.CheckpointPublisher;
import io.kubechat.audit.checkpoint.ConfigMapCheckpointPublisher;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.gateway.GatewayConfig;
import io.kubechat.gateway.kube.KubeAccess;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator's audit ledger, in the same database. The gateway holds no signing key: it appends its own records
 * (sign-ins) to the hash chain, and the operator's next signed checkpoint covers them like any other record; it
 * reads, verifies and exports with the public key the operator pinned in the checkpoint ConfigMap (or a key file
 * the installer gives), against the newest checkpoint published there. The operator owns and migrates the schema;
 * until it has, the ledger is unavailable here. Opened on first use, so the gateway starts while the database is away.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final AgroalDataSource dataSource;
    private final KubeAccess kube;
    private final GatewayConfig config;
    private final String origin;
    private final Optional<String> checkpointConfigMap;
    private final Optional<Path> publicKeyFile;
    private AuditLedger ledger;

    public Ledger(AgroalDataSource dataSource, KubeAccess kube, GatewayConfig config,
            @ConfigProperty(name = "kubechat.audit.origin") String origin,
            @ConfigProperty(name = "kubechat.audit.checkpoint-configmap", defaultValue = ConfigMapCheckpointPublisher.DEFAULT_NAME)
            Optional<String> checkpointConfigMap,
            @ConfigProperty(name = "kubechat.audit.public-key-file") Optional<Path> publicKeyFile) {
        this.dataSource = dataSource;
        this.kube = kube;
        this.config = config;
        this.origin = origin;
        this.checkpointConfigMap = checkpointConfigMap.filter(name -> !name.isBlank());
        this.publicKeyFile = publicKeyFile;
    }

    public synchronized AuditLedger get() {
        if (ledger == null) {
            try {
                LedgerSchema.privilegedLogin(dataSource).ifPresent(why -> LOG.warnf("%s: whoever holds the gateway's"
                        + " database login can rewrite the audit trail; give the gateway a login that holds only %s",
                        why, LedgerSchema.DEFAULT_APP_ROLE));
                Optional<ConfigMapCheckpointPublisher> published = checkpointConfigMap.map(name ->
                        new ConfigMapCheckpointPublisher(kube.gateway(), config.operatorNamespace(), name));
                VerificationKey key = publicKeyFile.isPresent() ? VerificationKey.read(publicKeyFile.get())
                        : published.orElseThrow(() -> new IllegalStateException("neither kubechat.audit.public-key-file"
                                + " nor kubechat.audit.checkpoint-configmap says which key verifies the ledger")).pinnedKey();
                List<CheckpointPublisher> publishers = published.<List<CheckpointPublisher>>map(List::of).orElse(List.of());
                ledger = AuditLedger.openAppendOnly(dataSource, key, LedgerConfig.defaults(origin),
                        publishers.toArray(CheckpointPublisher[]::new));
            } catch (AuditUnavailableException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new AuditUnavailableException("the audit ledger cannot be opened: " + e.getMessage(), e);
            }
        }
        return ledger;
    }

    /** Records a sign-in attempt; returns once durable. */
    public void authentication(String user, java.util.List<String> groups, String sourceIp, String userAgent, String method,
            boolean success, String reason) {
        get().append(AuditEvent.builder("authentication")
                .actor(new Actor(user, groups, sourceIp, userAgent == null || userAgent.length() <= 256 ? userAgent : userAgent.substring(0, 256)))
                .decision(method)
                .outcome(success ? "success" : "failure")
                .reason(reason)
                .build());
    }

    void close(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (ledger != null) {
                ledger.close();
            }
        }
    }
}
