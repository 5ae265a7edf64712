package io.kubechat.gateway.auth;

import io.agroal.api.AgroalDataSource;
import io.kubechat.gateway.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Server-side sign-in sessions in PostgreSQL, so that every replica knows every session. */
@ApplicationScoped
public class SessionStore {

    public static final String COOKIE = "KUBECHAT_SESSION";

    private final AgroalDataSource dataSource;
    private final GatewayConfig config;
    private final IdentityMapper mapper;
    private final SecureRandom random = new SecureRandom();

    public SessionStore(AgroalDataSource dataSource, GatewayConfig config, IdentityMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.mapper = mapper;
    }

    /** A new session: the cookie value (shown once, never stored) and the user it signs in. */
    public record Opened(String cookieValue, WebUser user) {
    }

    public Opened open(Account account, List<String> groups) {
        String id = token(32);
        String csrf = token(32);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO gateway.gateway_session (id_hash, username, groups, csrf_token, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setBytes(1, sha256(id));
            ps.setString(2, account.username());
            ps.setArray(3, AccountStore.array(c, groups));
            ps.setString(4, csrf);
            ps.setTimestamp(5, Timestamp.from(Instant.now().plus(config.sessionLifetime())));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
        return new Opened(id, user(account, groups, csrf));
    }

    /** The user a cookie value signs in, if it is a live session. */
    public Optional<WebUser> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT u.username, u.display_name, u.roles, u.source, u.created_at, s.groups, s.csrf_token
                     FROM gateway.gateway_session s JOIN gateway.gateway_user u USING (username)
                     WHERE s.id_hash = ? AND s.expires_at > now()""")) {
            ps.setBytes(1, sha256(cookieValue));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> groups = AccountStore.strings(rs.getArray("groups"));
                Account account = new Account(rs.getString("username"), rs.getString("display_name"),
                        AccountStore.strings(rs.getArray("roles")), groups, rs.getString("source"), rs.getTimestamp("created_at").toInstant());
                return Optional.of(user(account, groups, rs.getString("csrf_token")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    public void close(String cookieValue) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM gateway.gateway_session WHERE id_hash = ?")) {
            ps.setBytes(1, sha256(cookieValue));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Ends every session of a user, for example when an administrator changes their roles or password. */
    public void closeAll(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM gateway.gateway_session WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    @Scheduled(every = "10m", delayed = "1m")
    void purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM gateway.gateway_session WHERE expires_at <= now()")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private WebUser user(Account account, List<String> groups, String csrf) {
        return new WebUser(account.username(), account.displayName(), account.roles(), groups, csrf,
                mapper.map(account.username(), groups));
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
