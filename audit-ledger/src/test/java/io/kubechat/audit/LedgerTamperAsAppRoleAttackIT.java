package io.kubechat.audit;

import io.kubechat.audit.checkpoint.FileCheckpointPublisher;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.retention.ArchiveSegment;
import io.kubechat.audit.retention.RetentionService;
import io.kubechat.audit.verify.VerificationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacker holds the application's own database login (the operator's or the gateway's: {@code audit_app},
 * which has only the runtime role) and tries to rewrite, delete, cut off or launder history. Every attempt must be
 * refused by PostgreSQL or caught by {@code verify()}. Where the attacker needs more (the schema owner or a
 * superuser, triggers off), the attempt must still be caught, by the segment signatures and the checkpoints
 * published outside the database.
 */
class LedgerTamperAsAppRoleAttackIT {

    private static final int RECORDS = 30;
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock();
    private TestPostgres.Database db;
    private AuditLedger ledger;

    /**
     * Records 1 to 30, checkpoints at 10, 20 and 30, each also published to a file outside the database.
     * Records 1 to 10 are a year old, the others from today, so only the first ten may be archived.
     */
    @BeforeEach
    void fill() {
        db = TestPostgres.newDatabase();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(), LedgerConfig.defaults("test")
                        .withCheckpointEveryRecords(0).withCheckpointInterval(null).withClock(clock),
                new FileCheckpointPublisher(dir.resolve("published.jsonl")));
        for (int i = 1; i <= RECORDS; i++) {
            clock.now = i <= 10 ? TODAY.minus(Duration.ofDays(365)) : TODAY;
            ledger.append(Events.command(i));
            if (i % 10 == 0) {
                ledger.checkpoint();
            }
        }
        assertThat(ledger.verify().valid()).isTrue();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void rewritingARecordACheckpointOrASegmentIsRefused() {
        assertRefused("UPDATE audit_record SET outcome = 'succeeded', actor_user = 'nobody' WHERE seq = 7");
        assertRefused("UPDATE audit_checkpoint SET tree_size = 5 WHERE tree_size = 30");
        assertRefused("UPDATE audit_archive_segment SET last_seq = 30");
        assertRefused("ALTER TABLE audit_record DISABLE TRIGGER USER");
        assertRefused("ALTER TABLE audit_record OWNER TO audit_app");
        assertThat(ledger.get(7).orElseThrow().event().actor().user()).isNotEqualTo("nobody");
        assertThat(ledger.verify().valid()).isTrue();
    }

    @Test
    void deletingOrTruncatingRecordsAndCheckpointsIsRefused() {
        assertRefused("DELETE FROM audit_record WHERE seq > 20");
        assertRefused("DELETE FROM audit_checkpoint WHERE tree_size > 20");
        assertRefused("TRUNCATE audit_record");
        assertRefused("TRUNCATE audit_checkpoint");
        assertRefused("TRUNCATE audit_record, audit_checkpoint CASCADE");
        assertThat(ledger.size()).isEqualTo(RECORDS);
        assertThat(ledger.verify().valid()).isTrue();
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotCreateAnything() throws SQLException {
        try (Connection c = db.app().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)"
                     + " + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)"
                     + " + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)"
                     + " FROM pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        assertThat(LedgerSchema.privilegedLogin(db.app())).isEmpty();
        assertThat(LedgerSchema.privilegedLogin(db.owner())).hasValueSatisfying(why -> assertThat(why).contains("owns"));
        assertThat(LedgerSchema.privilegedLogin(db.superuser())).hasValueSatisfying(why -> assertThat(why).contains("superuser"));
        assertRefused("CREATE TABLE public.audit_shadow (seq bigint)");
        assertRefused("CREATE FUNCTION public.audit_shadow() RETURNS int LANGUAGE sql AS 'SELECT 1'");
    }

    /** The review's H-3 attack: the runtime role records a forged segment over the whole log and purges it. */
    @Test
    void cuttingTheWholeLogWithAForgedArchiveSegmentIsRefusedOrDetected() {
        boolean refused = false;
        try {
            sql(db.app(), "INSERT INTO audit_archive_segment (first_seq, last_seq, last_hash, root_hash, location,"
                    + " file_digest, created_at, key_id, signature) SELECT 1, seq, hash, hash, 'forged', hash, now(),"
                    + " 'forged', '\\x00' FROM audit_record WHERE seq = " + RECORDS,
                    "SELECT audit_purge_archived(1, " + RECORDS + ")");
        } catch (SQLException e) {
            refused = true;
        }
        if (!refused) {
            assertInvalid();
        }
        assertThat(ledger.size()).isEqualTo(RECORDS);
    }

    @Test
    void releasingALegalHoldIsRefused() throws SQLException {
        sql(db.app(), "INSERT INTO audit_legal_hold (from_time, to_time, reason, placed_by)"
                + " VALUES (now() - interval '1 day', now() + interval '1 day', 'case 17', 'sarah')");
        assertRefused("UPDATE audit_legal_hold SET released_at = now(), released_by = 'mallory'");
        assertRefused("DELETE FROM audit_legal_hold");
        assertRefused("SELECT audit_purge_archived(1, 10)");
        try (Connection c = db.app().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_legal_hold WHERE released_at IS NULL")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void aCheckpointForgedByTheApplicationRoleIsDetected() throws SQLException {
        sql(db.app(), "INSERT INTO audit_checkpoint (tree_size, root_hash, created_at, origin, key_id, signature,"
                + " frontier) SELECT 31, hash, now(), 'test', 'forged', decode(repeat('00', 64), 'hex'), ''::bytea"
                + " FROM audit_record WHERE seq = 30");
        assertInvalid();
    }

    /** With triggers off, an attacker replaces records 1 to 20 by a segment row it made up. */
    @Test
    void aForgedSegmentInsertedBehindTheDatabasesBackIsDetected() {
        db.tamper("INSERT INTO audit_archive_segment (first_seq, last_seq, last_hash, root_hash, location, file_digest,"
                + " created_at, key_id, signature) SELECT 1, 20, r.hash, c.root_hash, 'forged', r.hash, now(), c.key_id,"
                + " decode(repeat('00', 64), 'hex') FROM audit_record r, audit_checkpoint c WHERE r.seq = 20"
                + " AND c.tree_size = 20",
                "DELETE FROM audit_record WHERE seq <= 20");
        assertInvalid();
    }

    @Test
    void anEditedGenuineSegmentRowOrFileIsDetected() throws Exception {
        ArchiveSegment segment = archiveFirstTen();
        assertThat(ledger.verify().valid()).as(ledger.verify().toString()).isTrue();

        Path file = Path.of(segment.location());
        String genuine = Files.readString(file);
        Files.writeString(file, genuine.replace("danny1", "danny9"));
        assertInvalid();
        Files.writeString(file, genuine);
        assertThat(ledger.verify().valid()).isTrue();

        // A later segment whose range and last hash were changed (say, to hide that records 11 to 20 went too).
        db.tamper("UPDATE audit_archive_segment SET last_seq = 20, last_hash = (SELECT hash FROM audit_record"
                + " WHERE seq = 20)", "DELETE FROM audit_record WHERE seq <= 20");
        assertInvalid();
    }

    /** The owner (or a superuser) cuts the tail and the database's own checkpoints: the published one remains. */
    @Test
    void aTailCutBelowThePublishedCheckpointIsDetected() {
        db.tamper("DELETE FROM audit_record WHERE seq > 15", "DELETE FROM audit_checkpoint WHERE tree_size > 10");
        VerificationResult result = ledger.verify();
        assertThat(result.valid()).as(result.toString()).isFalse();
        assertThat(result.firstBadSequence()).hasValue(16);
        assertThat(result.problem()).contains("truncated");
    }

    private ArchiveSegment archiveFirstTen() {
        ArchiveSegment segment = new RetentionService(ledger, db.custodian(), dir.resolve("archive"))
                .archiveOlderThan(Duration.ofDays(30)).orElseThrow();
        assertThat(segment.lastSequence()).isEqualTo(10);
        return segment;
    }

    private void assertInvalid() {
        VerificationResult result = ledger.verify();
        assertThat(result.valid()).as(result.toString()).isFalse();
    }

    private void assertRefused(String statement) {
        assertThatThrownBy(() -> sql(db.app(), statement)).as(statement).isInstanceOf(SQLException.class);
    }

    private static final class SettableClock extends Clock {
        volatile Instant now = TODAY;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static void sql(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
            }
            c.commit();
        }
    }
}
