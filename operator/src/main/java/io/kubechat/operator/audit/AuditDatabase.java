package io.kubechat.operator.audit;

import io.kubechat.audit.LedgerSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two database logins of the audit ledger: the owner, which migrates the schema and is used for nothing else,
 * and the runtime login (the default data source), which must own nothing and hold only the writer role, so that
 * whoever takes over the operator cannot rewrite history with its login.
 */
@ApplicationScoped
public class AuditDatabase {

    private static final Logger LOG = Logger.getLogger(AuditDatabase.class);

    private final String jdbcUrl;
    private final Optional<String> runtimeLogin;
    private final Optional<String> ownerLogin;
    private final Optional<String> ownerPassword;

    public AuditDatabase(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> runtimeLogin,
            @ConfigProperty(name = "kubechat.audit.owner.username") Optional<String> ownerLogin,
            @ConfigProperty(name = "kubechat.audit.owner.password") Optional<String> ownerPassword) {
        this.jdbcUrl = jdbcUrl;
        this.runtimeLogin = runtimeLogin;
        this.ownerLogin = ownerLogin.filter(login -> !login.isBlank());
        this.ownerPassword = ownerPassword;
    }

    /**
     * Brings the schema up to date as the owner and lets the runtime login use it; refuses a runtime login that
     * could rewrite history. Without an owner login (demo, tests) the runtime login migrates, with a warning.
     *
     * @throws IllegalStateException when an owner login is configured and the runtime login is still privileged
     */
    void migrate(DataSource runtime) {
        if (ownerLogin.isEmpty()) {
            LedgerSchema.of(runtime).migrate();
            LedgerSchema.privilegedLogin(runtime).ifPresent(why -> LOG.warnf("%s: whoever holds the operator's database"
                    + " login can rewrite the audit trail. Set kubechat.audit.owner.username/password to the owner and give"
                    + " the operator a login that holds only %s.", why, LedgerSchema.DEFAULT_APP_ROLE));
            return;
        }
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setUrl(jdbcUrl);
        owner.setUser(ownerLogin.get());
        ownerPassword.ifPresent(owner::setPassword);
        LedgerSchema schema = LedgerSchema.of(owner);
        schema.migrate();
        runtimeLogin.ifPresent(schema::grantRuntimeRole);
        LedgerSchema.privilegedLogin(runtime).ifPresent(why -> {
            throw new IllegalStateException(why + "; the operator's runtime login must own nothing and hold only "
                    + LedgerSchema.DEFAULT_APP_ROLE);
        });
    }
}
