package io.kubechat.audit.retention;

import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.TestPostgres;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.cli.VerifyCommand;
import io.kubechat.audit.export.AuditExporter;
import io.kubechat.audit.verify.ExportVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {

    private static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock();
    private TestPostgres.Database db;
    private AuditLedger ledger;
    private RetentionService retention;

    /** Record n is stamped on day n; checkpoints at 10, 20 and 30. */
    @BeforeEach
    void fill() {
        db = TestPostgres.newDatabase();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(), LedgerConfig.defaults("test")
                .withCheckpointEveryRecords(0).withCheckpointInterval(null).withClock(clock));
        retention = new RetentionService(ledger, db.custodian(), dir.resolve("archive"));
        for (int day = 1; day <= 30; day++) {
            clock.now = day(day);
            ledger.append(AuditEvent.builder("command_executed").namespace("shop").outcome("day " + day).build());
            if (day % 10 == 0) {
                ledger.checkpoint();
            }
        }
        clock.now = day(40);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void oldRecordsMoveIntoAVerifiableSignedSegmentUpToTheLastCheckpointBeforeTheCutoff() throws Exception {
        ArchiveSegment segment = retention.archiveOlderThan(Duration.ofDays(25)).orElseThrow();

        // Cut-off is day 15; the newest checkpoint before it covers records 1 to 10.
        assertThat(segment.firstSequence()).isEqualTo(1);
        assertThat(segment.lastSequence()).isEqualTo(10);
        assertThat(ledger.get(10)).isEmpty();
        assertThat(ledger.get(11)).isPresent();
        assertThat(retention.segmentIntact(segment)).isTrue();
        Path file = Path.of(segment.location());
        assertThat(ExportVerifier.verify(file, ledger.verificationKey()).valid()).isTrue();
        Path key = dir.resolve("key.pem");
        Files.writeString(key, ledger.verificationKey().toPem());
        assertThat(VerifyCommand.run(new String[] {file.toString(), key.toString()}, quiet(), quiet())).isZero();

        // What remains still verifies, continues, and exports with proofs, from the archived prefix's frontier.
        assertThat(ledger.verify().valid()).isTrue();
        clock.now = day(41);
        ledger.append(AuditEvent.builder("approval").build());
        ledger.checkpoint();
        assertThat(ledger.verify().valid()).isTrue();
        assertThat(ExportVerifier.verify(new AuditExporter(ledger).bundle(11, 31, true), ledger.verificationKey()).valid())
                .isTrue();

        Files.writeString(file, Files.readString(file).replace("day 3\"", "day 4\""));
        assertThat(retention.segmentIntact(segment)).isFalse();
        assertThat(ExportVerifier.verify(file, ledger.verificationKey()).valid()).isFalse();
    }

    @Test
    void aLegalHoldStopsRetentionBeforeTheFirstHeldRecordUntilReleased() {
        LegalHold hold = retention.placeHold(day(12), day(14), "case 2026-17", "sarah");

        // Neither the runtime role nor the release of a hold that was never recorded ends a hold.
        assertThatThrownBy(() -> sqlAs(db.app(), "SELECT audit_release_hold(" + hold.id() + ", 31)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> sqlAs(db.custodian(), "SELECT audit_release_hold(" + hold.id() + ", 31)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("no legal_hold_released record");
        assertThat(retention.archiveOlderThan(Duration.ofDays(1)).orElseThrow().lastSequence()).isEqualTo(10);
        assertThat(retention.archiveOlderThan(Duration.ofDays(1))).isEmpty();
        assertThat(ledger.get(12)).isPresent();

        retention.releaseHold(hold.id(), "sarah", "case 2026-17 closed");
        assertThat(retention.holds()).singleElement().satisfies(h -> {
            assertThat(h.active()).isFalse();
            assertThat(h.releasedBy()).isEqualTo("sarah");
        });
        assertThat(retention.archiveOlderThan(Duration.ofDays(1)).orElseThrow().lastSequence()).isEqualTo(30);
        // Only what retention itself recorded is left: placing the hold, each archiving, the release.
        List<AuditRecord> left = new ArrayList<>();
        ledger.records(1, Long.MAX_VALUE, left::add);
        assertThat(left).extracting(r -> r.event().eventType() + " " + r.event().commandRef()).containsExactly(
                "legal_hold_placed legal-hold/" + hold.id(), "audit_archived archive/1-10",
                "legal_hold_released legal-hold/" + hold.id(), "audit_archived archive/11-30");
        assertThat(left.get(2).event().actor().user()).isEqualTo("sarah");
        assertThat(ledger.verify().valid()).isTrue();

        // With every old record archived, the chain continues; archived numbers stay taken.
        assertThat(ledger.append(AuditEvent.builder("approval").build()).sequence()).isEqualTo(35);
        assertThatThrownBy(() -> sql(db, "INSERT INTO audit_record (seq, recorded_at, encoding_version, event_type,"
                + " actor_groups, result_digest, prev_hash, hash) VALUES (1, now(), 1, 'forged', '{}',"
                + " decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'), decode(repeat('22', 32), 'hex'))"))
                .isInstanceOf(SQLException.class).hasMessageContaining("archived");
        assertThat(ledger.verify().valid()).isTrue();
    }

    @Test
    void theDatabaseRefusesToDropHeldOrUnarchivedRecordsEvenForTheOwner() {
        retention.placeHold(day(12), day(14), "case 2026-17", "sarah");
        assertThatThrownBy(() -> sql(db, "INSERT INTO audit_archive_segment VALUES (11, 20, decode(repeat('00', 32), 'hex'),"
                + " decode(repeat('00', 32), 'hex'), 'nowhere', decode(repeat('00', 32), 'hex'), now(), 'k', '\\x00')",
                "DELETE FROM audit_record WHERE seq BETWEEN 11 AND 20"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql(db, "DELETE FROM audit_record WHERE seq = 25"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThat(ledger.get(11)).isPresent();
        assertThat(ledger.verify().valid()).isTrue();
    }

    private static void sql(TestPostgres.Database db, String... statements) throws SQLException {
        sqlAs(db.owner(), statements);
    }

    private static void sqlAs(javax.sql.DataSource ds, String... statements) throws SQLException {
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

    private static Instant day(int n) {
        return DAY_0.plus(Duration.ofDays(n));
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static final class SettableClock extends Clock {
        volatile Instant now = DAY_0;

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
}
