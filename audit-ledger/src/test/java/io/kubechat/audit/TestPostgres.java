package io.kubechat.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (zonky's binaries from Maven Central), and a fresh, migrated
 * database per caller. Roles as in production: {@code audit_owner} owns and migrates the schema,
 * {@code audit_app} logs in as the application with only the writer role, {@code audit_custodian} runs retention
 * with only the custodian role, {@code postgres} plays the attacker.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestPostgres() {
    }

    public record Database(String name, DataSource owner, DataSource app, DataSource custodian, DataSource superuser) {

        public void sql(DataSource ds, String... statements) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Runs statements as the superuser with triggers off, which is what a real attacker with that access does. */
        public void tamper(String... statements) {
            String[] all = new String[statements.length + 1];
            all[0] = "SET session_replication_role = replica";
            System.arraycopy(statements, 0, all, 1, statements.length);
            sql(superuser, all);
        }
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        // The production default; zonky turns it off for speed, which would weaken what we test.
                        .setServerConfig("synchronous_commit", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE audit_owner LOGIN CREATEROLE");
                st.execute("CREATE ROLE " + LedgerSchema.DEFAULT_APP_ROLE + " NOLOGIN");
                st.execute("CREATE ROLE audit_app LOGIN IN ROLE " + LedgerSchema.DEFAULT_APP_ROLE);
                st.execute("CREATE ROLE " + LedgerSchema.DEFAULT_CUSTODIAN_ROLE + " NOLOGIN");
                st.execute("CREATE ROLE audit_custodian LOGIN IN ROLE " + LedgerSchema.DEFAULT_CUSTODIAN_ROLE);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return postgres;
    }

    /** A new database owned by audit_owner, migrated to the latest schema. */
    public static Database newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "ledger_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER audit_owner");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Database db = new Database(name, pg.getDatabase("audit_owner", name), pg.getDatabase("audit_app", name),
                pg.getDatabase("audit_custodian", name), pg.getDatabase("postgres", name));
        LedgerSchema.of(db.owner()).migrate();
        return db;
    }
}
