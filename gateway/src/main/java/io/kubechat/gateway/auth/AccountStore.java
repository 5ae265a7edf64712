package io.kubechat.gateway.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Local and OIDC accounts in PostgreSQL. */
@ApplicationScoped
public class AccountStore {

    public static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,99}$");

    private final AgroalDataSource dataSource;

    public AccountStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Credentials(Account account, String passwordHash) {
    }

    public Optional<Credentials> credentials(String username) {
        return query("SELECT * FROM gateway.gateway_user WHERE username = ?", username).stream().findFirst();
    }

    public Optional<Account> find(String username) {
        return credentials(username).map(Credentials::account);
    }

    public List<Account> list() {
        return query("SELECT * FROM gateway.gateway_user ORDER BY username").stream().map(Credentials::account).toList();
    }

    public boolean anyAdmin() {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gateway.gateway_user WHERE 'admin' = ANY(roles) LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Inserts; false when the name is taken. */
    public boolean create(String username, String displayName, String passwordHash, List<String> roles, List<String> groups, String source) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO gateway.gateway_user (username, display_name, password_hash, roles, groups, source)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING""")) {
                ps.setString(1, username);
                ps.setString(2, displayName);
                ps.setString(3, passwordHash);
                ps.setArray(4, array(c, roles));
                ps.setArray(5, array(c, groups));
                ps.setString(6, source);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Changes the given fields (nulls stay); false when there is no such user. */
    public boolean update(String username, String displayName, String passwordHash, List<String> roles, List<String> groups) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE gateway.gateway_user SET display_name = coalesce(?, display_name), password_hash = coalesce(?, password_hash),
                      roles = coalesce(?, roles), groups = coalesce(?, groups), updated_at = now() WHERE username = ?""")) {
                ps.setString(1, displayName);
                ps.setString(2, passwordHash);
                ps.setArray(3, roles == null ? null : array(c, roles));
                ps.setArray(4, groups == null ? null : array(c, groups));
                ps.setString(5, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The user name an OIDC subject was given at its first sign-in, if any. */
    public Optional<String> oidcUsername(String issuer, String subject) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username FROM gateway.gateway_oidc_subject WHERE issuer = ? AND subject = ?")) {
                ps.setString(1, issuer);
                ps.setString(2, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Whether some OIDC subject holds this user name (even if its account was deleted since). */
    public boolean usernameHeldBySubject(String username) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gateway.gateway_oidc_subject WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Gives the user name to the subject for good; false when the name or the subject is taken already. */
    public boolean bindSubject(String issuer, String subject, String username) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO gateway.gateway_oidc_subject (issuer, subject, username) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")) {
                ps.setString(1, issuer);
                ps.setString(2, subject);
                ps.setString(3, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean delete(String username) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM gateway.gateway_user WHERE username = ?")) {
                ps.setString(1, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<Credentials> query(String sql, Object... args) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Credentials> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Credentials(new Account(rs.getString("username"), rs.getString("display_name"),
                                strings(rs.getArray("roles")), strings(rs.getArray("groups")), rs.getString("source"),
                                rs.getTimestamp("created_at").toInstant()), rs.getString("password_hash")));
                    }
                    return out;
                }
            }
        });
    }

    static Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : List.copyOf(Arrays.asList((String[]) a.getArray()));
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T sql(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("account database failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }
}
