package io.kubechat.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.LedgerSchema;
import io.kubechat.audit.checkpoint.SigningKey;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's audit ledger, in the same database and with the same signing key: the gateway reads, verifies and
 * exports it, and appends the sign-ins. Opened on first use, so the gateway starts while the database is away.
 */
@ApplicationScoped
public class Ledger {

    private final AgroalDataSource dataSource;
    private final Path signingKeyFile;
    private final String origin;
    private AuditLedger ledger;

    public Ledger(AgroalDataSource dataSource, @ConfigProperty(name = "kubechat.audit.signing-key-file") Path signingKeyFile,
            @ConfigProperty(name = "kubechat.audit.origin") String origin) {
        this.dataSource = dataSource;
        this.signingKeyFile = signingKeyFile;
        this.origin = origin;
    }

    public synchronized AuditLedger get() {
        if (ledger == null) {
            try {
                // The operator owns the ledger's schema and upgrades it. The gateway creates it only on an empty
                // database, so that sign-ins can be audited before the operator has recorded anything.
                LedgerSchema schema = LedgerSchema.of(dataSource);
                if (schema.currentVersion() == 0) {
                    schema.migrate();
                }
                ledger = AuditLedger.open(dataSource, SigningKey.loadOrGenerate(signingKeyFile), LedgerConfig.defaults(origin));
            } catch (AuditUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
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
