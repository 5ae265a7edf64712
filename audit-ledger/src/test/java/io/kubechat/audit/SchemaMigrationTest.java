package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SigningKey;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Up and down scripts, applied for real: down to nothing and back up again. */
class SchemaMigrationTest {

    @Test
    void downScriptsUndoEachVersionAndTheSchemaMigratesUpAgain() {
        TestPostgres.Database db = TestPostgres.newDatabase();
        LedgerSchema schema = new LedgerSchema(db.owner(), "public", LedgerSchema.DEFAULT_APP_ROLE);
        assertThat(schema.currentVersion()).isEqualTo(5);
        assertThat(tables(db.owner())).contains("audit_record", "audit_checkpoint",
                "audit_archive_segment", "audit_legal_hold", "audit_search").doesNotContain("audit_chain_head");
        try (AuditLedger ledger = open(db)) {
            ledger.append(Events.command(1));
            ledger.append(Events.command(2));
        }

        schema.rollbackTo(4);
        assertThat(schema.currentVersion()).isEqualTo(4);
        try (AuditLedger ledger = open(db)) {
            // Version 4's runtime role may purge itself again: it holds EXECUTE on the two-argument purge.
            try (Connection c = db.app().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT has_function_privilege('audit_purge_archived(bigint, bigint)',"
                         + " 'EXECUTE')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        schema.rollbackTo(3);
        assertThat(schema.currentVersion()).isEqualTo(3);
        assertThat(tables(db.owner())).contains("audit_chain_head", "audit_search");
        try (AuditLedger ledger = open(db)) {
            // The head was rebuilt from the records: version 3 appends continue the chain.
            assertThat(ledger.append(Events.command(3)).sequence()).isEqualTo(3);
            assertThat(ledger.verify().valid()).isTrue();
        }

        schema.rollbackTo(2);
        assertThat(schema.currentVersion()).isEqualTo(2);
        assertThat(tables(db.owner())).contains("audit_archive_segment").doesNotContain("audit_search");

        schema.rollbackTo(1);
        assertThat(schema.currentVersion()).isEqualTo(1);
        assertThat(tables(db.owner())).contains("audit_record").doesNotContain("audit_archive_segment", "audit_legal_hold");
        try (AuditLedger ledger = open(db)) {
            ledger.append(Events.command(1));
        }

        schema.rollbackTo(0);
        assertThat(schema.currentVersion()).isZero();
        assertThat(tables(db.owner())).noneMatch(t -> t.startsWith("audit_") && !t.equals("audit_schema_history"));

        schema.migrate();
        assertThat(schema.currentVersion()).isEqualTo(5);
        try (AuditLedger ledger = open(db)) {
            assertThat(ledger.append(Events.command(1)).sequence()).isEqualTo(1);
            assertThat(ledger.verify().valid()).isTrue();
        }
    }

    @Test
    void theMigrationCreatesTheApplicationRoleWhenItIsMissing() throws SQLException {
        TestPostgres.Database db = TestPostgres.newDatabase();
        new LedgerSchema(db.owner(), "ledger_x", "audit_writer_x").migrate();
        try (Connection c = db.superuser().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT has_table_privilege('audit_writer_x', 'ledger_x.audit_record', 'INSERT'),"
                     + " has_table_privilege('audit_writer_x', 'ledger_x.audit_record', 'UPDATE'),"
                     + " has_table_privilege('audit_writer_x', 'ledger_x.audit_record', 'DELETE')")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).containsExactly(true, false, false);
        }
    }

    private static AuditLedger open(TestPostgres.Database db) {
        return AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(0).withCheckpointInterval(null));
    }

    private static List<String> tables(DataSource ds) {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
