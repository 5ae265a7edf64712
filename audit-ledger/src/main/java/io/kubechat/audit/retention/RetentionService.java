package io.kubechat.audit.retention;

import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.audit.Sha256;
import io.kubechat.audit.export.AuditExporter;
import io.kubechat.audit.export.ExportBundle;
import io.kubechat.audit.export.JsonlFormat;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Retention: records older than a maximum age leave the table only by being rolled, as a prefix of the
 * chain ending at a signed checkpoint, into a verifiable archive segment file (an export the command-line
 * verifier accepts). Active legal holds stop it before the first held record. Never a silent delete: the
 * database refuses to drop a record that no segment covers or that a hold protects, and it purges a range and
 * releases a hold only for the custodian role, and only after the ledger recorded it ({@code audit_archived},
 * {@code legal_hold_released}).
 */
public final class RetentionService {

    public static final String ARCHIVED = "audit_archived";
    public static final String HOLD_PLACED = "legal_hold_placed";
    public static final String HOLD_RELEASED = "legal_hold_released";

    private final AuditLedger ledger;
    private final DataSource custodian;
    private final Path archiveDirectory;

    /**
     * @param ledger    a ledger with the signing key (segments are signed)
     * @param custodian a login holding the custodian role ({@link io.kubechat.audit.LedgerSchema#DEFAULT_CUSTODIAN_ROLE}),
     *                  which the operator's and gateway's runtime logins never hold
     */
    public RetentionService(AuditLedger ledger, DataSource custodian, Path archiveDirectory) {
        this.ledger = ledger;
        this.custodian = custodian;
        this.archiveDirectory = archiveDirectory;
    }

    /** Archives what is older than {@code maxAge} and allowed to go; empty if nothing is. */
    public synchronized Optional<ArchiveSegment> archiveOlderThan(Duration maxAge) {
        Instant cutoff = ledger.config().clock().instant().minus(maxAge);
        long archived = ledger.archiveAnchor().size();
        long last;
        try (Connection c = ledger.dataSource().getConnection()) {
            last = lastArchivable(c, archived, cutoff);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        if (last <= archived) {
            return Optional.empty();
        }
        long first = archived + 1;
        ExportBundle bundle = new AuditExporter(ledger).bundle(first, last, true);
        Path file = writeSegmentFile(bundle, first, last);
        byte[] digest = digest(file);
        byte[] lastHash = bundle.records().get(bundle.records().size() - 1).hash();
        byte[] root = bundle.checkpoint().rootHash();
        byte[] signature = ledger.signingKey().sign(ArchiveSegment.signedBytes(bundle.origin(), first, last, lastHash,
                root, digest));
        ArchiveSegment segment = new ArchiveSegment(first, last, lastHash, root, file.toString(), digest,
                ledger.config().clock().instant(), ledger.verificationKey().keyId(), signature);
        AuditRecord archivedRecord = ledger.append(AuditEvent.builder(ARCHIVED).actor(Actor.system())
                .commandRef("archive/" + first + "-" + last)
                .reason("records " + first + " to " + last + " archived to " + file + " (SHA-256 "
                        + HexFormat.of().formatHex(digest) + ")")
                .outcome("archived").build());
        recordAndPurge(segment, archivedRecord.sequence());
        return Optional.of(segment);
    }

    /** The newest checkpoint size below the first record that is too young or held. */
    private static long lastArchivable(Connection c, long archived, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH stop AS (
                    SELECT coalesce(min(r.seq), (SELECT coalesce(max(seq), 0) + 1 FROM audit_record)) AS seq
                      FROM audit_record r
                     WHERE r.seq > ?
                       AND (r.recorded_at >= ?
                            OR EXISTS (SELECT FROM audit_legal_hold h
                                        WHERE h.released_at IS NULL
                                          AND r.recorded_at >= h.from_time AND r.recorded_at < h.to_time)))
                SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint, stop
                 WHERE tree_size > ? AND tree_size < stop.seq""")) {
            ps.setLong(1, archived);
            ps.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            ps.setLong(3, archived);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Path writeSegmentFile(ExportBundle bundle, long first, long last) {
        try {
            Files.createDirectories(archiveDirectory);
            Path target = archiveDirectory.resolve(String.format("audit-segment-%012d-%012d.jsonl", first, last));
            Path tmp = Files.createTempFile(archiveDirectory, ".segment", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                JsonlFormat.write(bundle, out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive segment to " + archiveDirectory, e);
        }
    }

    private static byte[] digest(Path file) {
        try {
            return Sha256.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void recordAndPurge(ArchiveSegment s, long archivedRecord) {
        try (Connection c = custodian.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_archive_segment"
                    + " (first_seq, last_seq, last_hash, root_hash, location, file_digest, created_at, key_id, signature)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement purge = c.prepareStatement("SELECT audit_purge_archived(?, ?, ?)")) {
                insert.setLong(1, s.firstSequence());
                insert.setLong(2, s.lastSequence());
                insert.setBytes(3, s.lastHash());
                insert.setBytes(4, s.rootHash());
                insert.setString(5, s.location());
                insert.setBytes(6, s.fileDigest());
                insert.setObject(7, OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC));
                insert.setString(8, s.keyId());
                insert.setBytes(9, s.signature());
                insert.executeUpdate();
                purge.setLong(1, s.firstSequence());
                purge.setLong(2, s.lastSequence());
                purge.setLong(3, archivedRecord);
                try (ResultSet rs = purge.executeQuery()) {
                    rs.next();
                    long removed = rs.getLong(1);
                    if (removed != s.lastSequence() - s.firstSequence() + 1) {
                        throw new SQLException("expected to archive " + (s.lastSequence() - s.firstSequence() + 1)
                                + " records but " + removed + " were present", "XX000");
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public LegalHold placeHold(Instant from, Instant to, String reason, String placedBy) {
        try (Connection c = ledger.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_legal_hold (from_time, to_time, reason,"
                     + " placed_by, placed_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            Instant now = ledger.config().clock().instant();
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setString(3, reason);
            ps.setString(4, placedBy);
            ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            LegalHold hold;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                hold = new LegalHold(rs.getLong(1), from, to, reason, placedBy, now, null, null);
            }
            ledger.append(AuditEvent.builder(HOLD_PLACED).actor(Actor.user(placedBy)).commandRef("legal-hold/" + hold.id())
                    .reason(reason + " (records from " + from + " to " + to + ")").build());
            return hold;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Releases a hold: first records the release in the ledger, then (as the custodian) ends the hold; the database
     * takes who and when from that record. A crash in between leaves a recorded release whose hold still holds,
     * never the reverse; calling again records again and releases.
     */
    public void releaseHold(long id, String releasedBy, String reason) {
        if (holds().stream().noneMatch(h -> h.id() == id && h.active())) {
            throw new IllegalArgumentException("no active legal hold " + id);
        }
        AuditRecord release = ledger.append(AuditEvent.builder(HOLD_RELEASED).actor(Actor.user(releasedBy))
                .commandRef("legal-hold/" + id).reason(reason).build());
        try (Connection c = custodian.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT audit_release_hold(?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, release.sequence());
            ps.execute();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public List<LegalHold> holds() {
        List<LegalHold> out = new ArrayList<>();
        try (Connection c = ledger.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, from_time, to_time, reason, placed_by, placed_at,"
                     + " released_by, released_at FROM audit_legal_hold ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime released = rs.getObject(8, OffsetDateTime.class);
                out.add(new LegalHold(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                        released == null ? null : released.toInstant()));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return out;
    }

    /** Checks a segment's signature and that its file is the one that was signed. */
    public boolean segmentIntact(ArchiveSegment s) {
        byte[] signed = ArchiveSegment.signedBytes(ledger.config().origin(), s.firstSequence(), s.lastSequence(),
                s.lastHash(), s.rootHash(), s.fileDigest());
        return ledger.verificationKey().verify(signed, s.signature())
                && MessageDigest.isEqual(digest(Path.of(s.location())), s.fileDigest());
    }

    private static AuditUnavailableException unavailable(SQLException e) {
        return new AuditUnavailableException("audit retention failed (SQLSTATE " + e.getSQLState() + "): "
                + e.getMessage(), e);
    }
}
