package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself, not the library, keeps the records table append-only. */
class AppendOnlyTest {

    private static TestPostgres.Database db;
    private static AuditLedger ledger;

    @BeforeAll
    static void fill() {
        db = TestPostgres.newDatabase();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(2).withCheckpointInterval(null));
        for (int i = 1; i <= 5; i++) {
            ledger.append(Events.command(i));
        }
        ledger.checkpoint();
    }

    @AfterAll
    static void close() {
        ledger.close();
    }

    @Test
    void theApplicationRoleCanNeitherUpdateNorDeleteNorTruncate() {
        assertRefused(db.app(), "UPDATE audit_record SET outcome = 'succeeded' WHERE seq = 2", "permission denied");
        assertRefused(db.app(), "DELETE FROM audit_record WHERE seq = 2", "permission denied");
        assertRefused(db.app(), "TRUNCATE audit_record", "permission denied");
        assertRefused(db.app(), "INSERT INTO audit_search (seq, tags, document) VALUES (1, '{}', '') ON CONFLICT (seq)"
                + " DO UPDATE SET tags = '{}'", "permission denied");
        assertRefused(db.app(), "DELETE FROM audit_checkpoint", "permission denied");
        assertRefused(db.app(), "ALTER TABLE audit_record DISABLE TRIGGER ALL", "must be owner");
    }

    @Test
    void triggersStopEvenTheSchemaOwner() {
        assertRefused(db.owner(), "UPDATE audit_record SET outcome = 'succeeded' WHERE seq = 2", "append-only");
        assertRefused(db.owner(), "DELETE FROM audit_record WHERE seq = 2", "append-only");
        assertRefused(db.owner(), "TRUNCATE audit_record", "append-only");
        assertRefused(db.owner(), "DELETE FROM audit_checkpoint", "append-only");
        assertRefused(db.owner(), "SELECT audit_purge_archived(1, 2, 5)", "no archive segment");
    }

    @Test
    void anInsertThatDoesNotExtendTheChainIsRefused() {
        // The right next number, but not linked to the last record's hash: even the application's own role
        // cannot append a record that does not continue the chain.
        assertRefused(db.app(), "INSERT INTO audit_record (seq, recorded_at, encoding_version, event_type, actor_groups,"
                + " result_digest, prev_hash, hash) VALUES (6, now(), 1, 'forged', '{}', "
                + "decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'), decode(repeat('22', 32), 'hex'))",
                "does not extend the chain");
        assertRefused(db.app(), "INSERT INTO audit_record (seq, recorded_at, encoding_version, event_type, actor_groups,"
                + " result_digest, prev_hash, hash) SELECT 6, recorded_at - interval '1 hour', 1, 'backdated', '{}', "
                + "decode(repeat('00', 32), 'hex'), hash, decode(repeat('22', 32), 'hex') FROM audit_record WHERE seq = 5",
                "does not extend the chain");
        // Linked to the last record, but leaving a gap.
        assertRefused(db.app(), "INSERT INTO audit_record (seq, recorded_at, encoding_version, event_type, actor_groups,"
                + " result_digest, prev_hash, hash) SELECT 7, now(), 1, 'gap', '{}', "
                + "decode(repeat('00', 32), 'hex'), hash, decode(repeat('22', 32), 'hex') FROM audit_record WHERE seq = 5",
                "does not extend the chain");
        assertThat(ledger.verify().valid()).isTrue();
        assertThat(ledger.append(Events.command(6)).sequence()).isEqualTo(6);
    }

    private static void assertRefused(DataSource ds, String sql, String message) {
        assertThatThrownBy(() -> {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(message);
    }
}
