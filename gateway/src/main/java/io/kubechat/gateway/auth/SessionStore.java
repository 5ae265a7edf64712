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
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/** Server-side sign-in sessions in PostgreSQL, so that every replica knows every session. */
@ApplicationScoped
public class SessionStore {

    /** The cookie's name over plain HTTP (development only); with TLS it carries the __Host- prefix. */
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

    /**
     * __Host-KUBECHAT_SESSION when the cookie is Secure: browsers then accept it only from this origin over TLS,
     * with Path=/ and no Domain, so no sibling host or plain-HTTP page can plant or overwrite it.
     */
    public String cookieName() {
        return config.secureCookie() ? "__Host-" + COOKIE : COOKIE;
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
                     WHERE s.id_hash = ? AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => ?)""")) {
            ps.setBytes(1, sha256(cookieValue));
            ps.setDouble(2, config.sessionIdleTimeout().toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                touch(c, cookieValue);
                List<String> groups = AccountStore.strings(rs.getArray("groups"));
                Account account = new Account(rs.getString("username"), rs.getString("display_name"),
                        AccountStore.strings(rs.getArray("roles")), groups, rs.getString("source"), rs.getTimestamp("created_at").toInstant());
                return Optional.of(user(account, groups, rs.getString("csrf_token")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Marks the session used; at most once a minute, so that requests do not each write a row. */
    private static void touch(Connection c, String cookieValue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE gateway.gateway_session SET last_seen_at = now() WHERE id_hash = ? AND last_seen_at < now() - interval '1 minute'")) {
            ps.setBytes(1, sha256(cookieValue));
            ps.executeUpdate();
        }
    }

    /**
     * Of the given sessions (by {@link #key}), those still signed in: what open streams are checked against, so that
     * signing out, a new password, new roles or a deleted account end the streams too, on every replica.
     */
    public Set<String> live(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT encode(id_hash, 'hex') FROM gateway.gateway_session
                     WHERE encode(id_hash, 'hex') = ANY(?) AND expires_at > now() AND last_seen_at > now() - make_interval(secs => ?)""")) {
            ps.setArray(1, AccountStore.array(c, List.copyOf(keys)));
            ps.setDouble(2, config.sessionIdleTimeout().toSeconds());
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("session database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** A stable name of the session a cookie value opens, never the value itself. */
    public static String key(String cookieValue) {
        return HexFormat.of().formatHex(sha256(cookieValue));
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
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM gateway.gateway_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => ?)")) {
            ps.setDouble(1, config.sessionIdleTimeout().toSeconds());
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
