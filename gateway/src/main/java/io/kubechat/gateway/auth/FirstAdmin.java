package io.kubechat.gateway.auth;

import io.kubechat.gateway.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator when there is none, with the configured password (a property or a mounted Secret
 * file). Without one no administrator is made: a generated password would have to be shown somewhere, and logs
 * are read by more people than should hold it.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    void create(@Observes StartupEvent event, GatewayConfig config, AccountStore accounts, PasswordHasher hasher) {
        if (accounts.anyAdmin()) {
            return;
        }
        GatewayConfig.Admin admin = config.admin();
        String password = admin.password().filter(p -> !p.isBlank()).orElseGet(() -> admin.passwordFile().map(f -> {
            try {
                return Files.readString(f).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the first administrator's password file " + f, e);
            }
        }).orElse(null));
        if (password == null || password.isEmpty()) {
            LOG.errorf("There is no administrator and no password for the first one: set kubechat.gateway.admin.password-file "
                    + "(KUBECHAT_GATEWAY_ADMIN_PASSWORD_FILE) to a file holding it, then restart");
            return;
        }
        if (accounts.create(admin.username(), "Administrator", hasher.hash(password.toCharArray()), List.of(Role.ADMIN), List.of(), "local")) {
            LOG.infof("Created the first administrator '%s' with the configured password", admin.username());
        }
    }
}
