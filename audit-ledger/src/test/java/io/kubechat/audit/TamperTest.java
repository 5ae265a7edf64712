package io.kubechat.audit;

import io.kubechat.audit.checkpoint.FileCheckpointPublisher;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.merkle.CompactRange;
import io.kubechat.audit.verify.Anchor;
import io.kubechat.audit.verify.LedgerVerifier;
import io.kubechat.audit.verify.VerificationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker with superuser access edits the database directly, triggers off. Every edit must be caught,
 * and verification must name the first record that can no longer be trusted.
 */
class TamperTest {

    private static final int RECORDS = 40;
    private static final int CHECKPOINT_EVERY = 10;

    @TempDir
    Path dir;

    private TestPostgres.Database db;
    private AuditLedger ledger;
    private FileCheckpointPublisher published;

    @BeforeEach
    void fill() {
        db = TestPostgres.newDatabase();
        published = new FileCheckpointPublisher(dir.resolve("published-checkpoints.jsonl"));
        ledger = AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(0).withCheckpointInterval(null), published);
        for (int i = 1; i <= RECORDS; i++) {
            ledger.append(Events.command(i));
            if (i % CHECKPOINT_EVERY == 0) {
                ledger.checkpoint();
            }
        }
        assertThat(ledger.verify().valid()).isTrue();
        assertThat(ledger.verify().checkpointsVerified()).isEqualTo(2 * RECORDS / CHECKPOINT_EVERY);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void modifiedContentIsDetectedAtThatRecord() {
        db.tamper("UPDATE audit_record SET outcome = 'succeeded', kubectl = 'kubectl get pods' WHERE seq = 17");
        assertDetectedAt(17, "hash mismatch");
    }

    @Test
    void aModifiedResultIsDetectedAgainstItsDigest() {
        db.tamper("UPDATE audit_record SET result = 'nothing to see' WHERE seq = 12");
        assertDetectedAt(12, "does not match its digest");
    }

    @Test
    void aDeletedRecordIsDetectedWhereItIsMissing() {
        db.tamper("DELETE FROM audit_record WHERE seq = 23");
        assertDetectedAt(23, "missing");
    }

    @Test
    void anInsertedRecordIsDetected() {
        shiftFrom(15);
        db.tamper("INSERT INTO audit_record SELECT 15, recorded_at, encoding_version, 'approval', 'mallory',"
                + " actor_groups, source_ip, user_agent, cluster, namespace, session_ref, command_ref, request_text,"
                + " command, kubectl, risk_level, 'approved', reason, outcome, result_digest, result, hash,"
                + " sha256(hash) FROM audit_record WHERE seq = 14");
        assertDetectedAt(15, "hash mismatch");
    }

    @Test
    void anInsertedRecordWithAFaithfullyComputedHashIsDetectedAtTheRecordItDisplaced() throws SQLException {
        shiftFrom(15);
        AuditRecord before = ledger.get(14).orElseThrow();
        AuditEvent forged = AuditEvent.builder("approval").actor(Actor.user("mallory")).decision("approved").build();
        Instant at = before.recordedAt();
        byte[] digest = RecordEncoding.resultDigest(null);
        insertAsSuperuser(new AuditRecord(15, at, 1, forged, digest, before.hash(),
                RecordEncoding.hash(15, at, forged, digest, before.hash())));
        // The forgery itself is well formed; the record it pushed to 16 no longer hashes (its link points past it).
        assertDetectedAt(16, "link broken");
    }

    @Test
    void aRecordAppendedBehindTheLedgersBackIsDetected() {
        db.tamper("INSERT INTO audit_record SELECT 41, now(), 1, 'approval', 'mallory', '{}', null, null, null, null,"
                + " null, null, null, null, null, null, 'approved', null, null, result_digest, null, sha256(hash),"
                + " sha256(prev_hash) FROM audit_record WHERE seq = 40");
        assertDetectedAt(41, "previous-hash link broken");
    }

    @Test
    void reorderedRecordsAreDetectedAtTheFirstMovedOne() {
        db.tamper("UPDATE audit_record SET seq = 1000008 WHERE seq = 8",
                "UPDATE audit_record SET seq = 8 WHERE seq = 9",
                "UPDATE audit_record SET seq = 9 WHERE seq = 1000008");
        assertDetectedAt(8, "");
    }

    @Test
    void aTruncatedTailIsDetected() {
        db.tamper("DELETE FROM audit_record WHERE seq > 35");
        assertDetectedAt(36, "truncated");
    }

    @Test
    void aTruncatedTailIsDetectedFromPublishedCheckpointsWhenTheDatabaseCheckpointsGoToo() {
        db.tamper("DELETE FROM audit_record WHERE seq > 25",
                "DELETE FROM audit_checkpoint WHERE tree_size > 20");
        assertDetectedAt(26, "truncated");
    }

    @Test
    void aTruncatedTableIsDetected() {
        db.tamper("TRUNCATE audit_record");
        assertDetectedAt(1, "");
    }

    @Test
    void aRewriteResignedWithAnotherKeyIsDetected() throws SQLException {
        rewriteFrom(25, SigningKey.generate());

        // With the published copies, the genuine checkpoints at 10 and 20 still hold: the rewrite starts after 20.
        assertDetectedAt(21, "");

        // With nothing but the database and the genuine public key, nothing can be trusted.
        List<AuditRecord> records = new ArrayList<>();
        ledger.records(1, Long.MAX_VALUE, records::add);
        VerificationResult databaseOnly = LedgerVerifier.verify(ledger.verificationKey(), Anchor.genesis(),
                ledger.checkpoints(), records.iterator());
        assertThat(databaseOnly.valid()).isFalse();
        assertThat(databaseOnly.firstBadSequence()).hasValue(1);
        assertThat(databaseOnly.problem()).contains("invalid signature");
    }

    private void assertDetectedAt(long sequence, String problem) {
        VerificationResult result = ledger.verify();
        assertThat(result.valid()).as(result.toString()).isFalse();
        assertThat(result.firstBadSequence()).as(result.toString()).hasValue(sequence);
        assertThat(result.problem()).contains(problem);
    }

    /** Makes room at {@code seq} by moving every later record up by one (in two steps, for the primary key). */
    private void shiftFrom(long seq) {
        db.tamper("UPDATE audit_record SET seq = seq + 1000000 WHERE seq >= " + seq,
                "UPDATE audit_record SET seq = seq - 999999 WHERE seq >= 1000000");
    }

    /** What a capable attacker does: change a record, recompute every later hash, re-sign all checkpoints. */
    private void rewriteFrom(long seq, SigningKey attackerKey) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        ledger.records(1, Long.MAX_VALUE, records::add);
        db.tamper("DELETE FROM audit_record", "DELETE FROM audit_checkpoint");
        byte[] prev = RecordEncoding.GENESIS_HASH;
        CompactRange tree = new CompactRange();
        for (AuditRecord r : records) {
            AuditEvent e = r.event();
            if (r.sequence() == seq) {
                e = AuditEvent.builder(e.eventType()).actor(e.actor()).kubectl("kubectl get pods").outcome("succeeded").build();
            }
            byte[] digest = RecordEncoding.resultDigest(e.result());
            AuditRecord rewritten = new AuditRecord(r.sequence(), r.recordedAt(), 1, e, digest, prev,
                    RecordEncoding.hash(r.sequence(), r.recordedAt(), e, digest, prev));
            insertAsSuperuser(rewritten);
            prev = rewritten.hash();
            tree.append(rewritten.hash());
            if (tree.size() % CHECKPOINT_EVERY == 0) {
                SignedCheckpoint forged = attackerKey.signCheckpoint("test", tree.size(), tree.root(), Instant.now());
                insertCheckpointAsSuperuser(forged, tree);
            }
        }
    }

    private void insertAsSuperuser(AuditRecord r) throws SQLException {
        try (Connection c = db.superuser().getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement ps = c.prepareStatement(RecordRows.INSERT)) {
                RecordRows.bind(c, ps, r);
                ps.executeUpdate();
            }
        }
    }

    private void insertCheckpointAsSuperuser(SignedCheckpoint cp, CompactRange tree) throws SQLException {
        try (Connection c = db.superuser().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint"
                     + " (tree_size, root_hash, created_at, origin, key_id, signature, frontier)"
                     + " VALUES (?, ?, now(), ?, ?, ?, ?)")) {
            ps.setLong(1, cp.treeSize());
            ps.setBytes(2, cp.rootHash());
            ps.setString(3, cp.origin());
            ps.setString(4, cp.keyId());
            ps.setBytes(5, cp.signature());
            ps.setBytes(6, tree.serialize());
            ps.executeUpdate();
        }
    }
}
