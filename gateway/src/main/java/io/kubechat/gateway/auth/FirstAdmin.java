package io.kubechat.gateway.auth;

import io.kubechat.gateway.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator when there is none: with the configured password (a property or a mounted
 * Secret file), or with a generated one that is written to the log this once and never again.
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
        boolean generated = password == null;
        if (generated) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        if (accounts.create(admin.username(), "Administrator", hasher.hash(password.toCharArray()), List.of(Role.ADMIN), List.of(), "local")) {
            if (generated) {
                LOG.warnf("Created the first administrator '%s' with the generated password %s (shown once; change it after signing in)",
                        admin.username(), password);
            } else {
                LOG.infof("Created the first administrator '%s' with the configured password", admin.username());
            }
        }
    }
}
