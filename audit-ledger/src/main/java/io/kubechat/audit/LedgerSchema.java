package io.kubechat.audit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's schema, migrated with Flyway ({@code db/migration/V*}). Flyway Community has no undo, so each
 * version ships a documented down script ({@code db/rollback/U*}) that {@link #rollbackTo} applies.
 * Run as the schema owner (not as the application role, which can only read and append). Two NOLOGIN roles are
 * created if missing: the runtime role ({@link #DEFAULT_APP_ROLE}: read and append, granted to the operator's and
 * the gateway's logins) and the custodian role ({@link #DEFAULT_CUSTODIAN_ROLE}: archive segments, purges of
 * archived ranges and legal hold releases, granted only to the login that runs retention).
 */
public final class LedgerSchema {

    public static final String DEFAULT_APP_ROLE = "kubechat_audit_writer";
    public static final String DEFAULT_CUSTODIAN_ROLE = "kubechat_audit_custodian";
    private static final String HISTORY_TABLE = "audit_schema_history";
    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";
    /** Down script of version n at index n - 1. */
    private static final List<String> DOWN_SCRIPTS = List.of("U1__audit_ledger.sql", "U2__retention.sql",
            "U3__query_indexes.sql", "U4__cheap_appends.sql", "U5__custodian.sql");

    private final DataSource ownerDataSource;
    private final String schema;
    private final String appRole;
    private final String custodianRole;

    public LedgerSchema(DataSource ownerDataSource, String schema, String appRole) {
        this(ownerDataSource, schema, appRole, DEFAULT_CUSTODIAN_ROLE);
    }

    public LedgerSchema(DataSource ownerDataSource, String schema, String appRole, String custodianRole) {
        // All end up in SQL text (placeholders, search_path), so only plain identifiers are accepted.
        if (!appRole.matches(IDENTIFIER) || !schema.matches(IDENTIFIER) || !custodianRole.matches(IDENTIFIER)) {
            throw new IllegalArgumentException("schema and roles must be plain lower-case identifiers");
        }
        this.ownerDataSource = ownerDataSource;
        this.schema = schema;
        this.appRole = appRole;
        this.custodianRole = custodianRole;
    }

    public static LedgerSchema of(DataSource ownerDataSource) {
        return new LedgerSchema(ownerDataSource, "public", DEFAULT_APP_ROLE);
    }

    private Flyway flyway() {
        return flyway("latest");
    }

    private Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(ownerDataSource)
                .schemas(schema)
                .table(HISTORY_TABLE)
                // The schema may already hold the tables of other components (chat history, gateway).
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", appRole, "custodianRole", custodianRole))
                .target(target)
                .load();
    }

    public void migrate() {
        flyway().migrate();
    }

    /** Migrates up to {@code version} only (for example to bulk-load before the query indexes exist). */
    public void migrateTo(int version) {
        flyway(Integer.toString(version)).migrate();
    }

    /**
     * Lets {@code login} (an existing login role, for example the operator's) act as the runtime role. The login
     * owns nothing and gets no right beyond the role's: read, and append through the chain's checks.
     */
    public void grantRuntimeRole(String login) {
        grant(appRole, login);
    }

    /** Lets {@code login} run retention: archive segments, purges of archived ranges, legal hold releases. */
    public void grantCustodianRole(String login) {
        grant(custodianRole, login);
    }

    private void grant(String role, String login) {
        if (!login.matches(IDENTIFIER)) {
            throw new IllegalArgumentException("login must be a plain lower-case identifier");
        }
        try (Connection c = ownerDataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("GRANT " + role + " TO " + login);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant " + role + " to " + login + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the login behind {@code runtime} could rewrite history, or empty if it cannot: it is a superuser, owns a
     * table or function of the ledger (owners may disable triggers), or holds UPDATE, DELETE or TRUNCATE on
     * records or checkpoints. The operator and the gateway check their own login with it.
     */
    public static Optional<String> privilegedLogin(DataSource runtime) {
        try (Connection c = runtime.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT current_user, r.rolsuper,
                            (SELECT count(*) FROM pg_class t WHERE t.relowner = r.oid AND t.relname LIKE 'audit\\_%')
                          + (SELECT count(*) FROM pg_proc f WHERE f.proowner = r.oid AND f.proname LIKE 'audit\\_%'),
                            coalesce(to_regclass('audit_record') IS NOT NULL
                                 AND (has_table_privilege('audit_record', 'UPDATE')
                                      OR has_table_privilege('audit_record', 'DELETE')
                                      OR has_table_privilege('audit_record', 'TRUNCATE')
                                      OR has_table_privilege('audit_checkpoint', 'DELETE')), false)
                       FROM pg_roles r WHERE r.rolname = current_user""")) {
            rs.next();
            String login = rs.getString(1);
            if (rs.getBoolean(2)) {
                return Optional.of("the database login " + login + " is a superuser");
            }
            if (rs.getLong(3) > 0) {
                return Optional.of("the database login " + login + " owns audit ledger tables or functions");
            }
            if (rs.getBoolean(4)) {
                return Optional.of("the database login " + login + " may update, delete or truncate audit records");
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the privileges of the audit database login: " + e.getMessage(), e);
        }
    }

    /** The applied schema version, or 0 when nothing is applied. */
    public int currentVersion() {
        MigrationInfo current = flyway().info().current();
        return current == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
    }

    /** Applies down scripts, newest first, until the schema is at {@code targetVersion} (0 removes it). */
    public void rollbackTo(int targetVersion) {
        for (int v = currentVersion(); v > targetVersion; v--) {
            String sql = downScript(v);
            try (Connection c = ownerDataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL search_path TO " + schema);
                    st.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + schema + "." + HISTORY_TABLE + " WHERE version = ?")) {
                    ps.setString(1, Integer.toString(v));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("down script for version " + v + " failed", e);
            }
        }
    }

    private String downScript(int version) {
        String name = "db/rollback/" + DOWN_SCRIPTS.get(version - 1);
        try (InputStream in = LedgerSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no down script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${appRole}", appRole)
                    .replace("${custodianRole}", custodianRole)
                    .replace("${flyway:defaultSchema}", schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
