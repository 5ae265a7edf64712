package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.merkle.CompactRange;
import io.kubechat.audit.merkle.MerkleTree;
import io.kubechat.audit.retention.ArchiveSegment;
import io.kubechat.audit.verify.Anchor;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes of the ledger's tables other than appending records. */
final class LedgerStore {

    private static final String CHECKPOINT_COLUMNS =
            "tree_size, root_hash, created_at, origin, key_id, signature, frontier";

    private LedgerStore() {
    }

    record StoredCheckpoint(SignedCheckpoint checkpoint, byte[] frontier) {
        CompactRange tree() {
            CompactRange tree = CompactRange.deserialize(checkpoint.treeSize(), frontier);
            if (!MessageDigest.isEqual(tree.root(), checkpoint.rootHash())) {
                throw new IllegalStateException("the stored frontier of checkpoint " + checkpoint.treeSize()
                        + " does not match its root; the checkpoint table was altered");
            }
            return tree;
        }
    }

    /**
     * The end of the chain: the newest record, else the end of the newest archive segment (its time is not kept,
     * and the database checks times only against records still present), else the genesis.
     */
    static ChainHead head(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, hash, recorded_at FROM audit_record ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                return new ChainHead(rs.getLong(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class).toInstant());
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT last_seq, last_hash FROM audit_archive_segment ORDER BY last_seq DESC LIMIT 1")) {
            if (rs.next()) {
                return new ChainHead(rs.getLong(1), rs.getBytes(2), Instant.EPOCH);
            }
        }
        return new ChainHead(0, RecordEncoding.GENESIS_HASH, Instant.EPOCH);
    }

    static List<SignedCheckpoint> checkpoints(Connection c) throws SQLException {
        List<SignedCheckpoint> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint ORDER BY tree_size")) {
            while (rs.next()) {
                out.add(readCheckpoint(rs).checkpoint());
            }
        }
        return out;
    }

    static Optional<StoredCheckpoint> latestCheckpoint(Connection c) throws SQLException {
        return checkpointWhere(c, "ORDER BY tree_size DESC LIMIT 1");
    }

    static Optional<StoredCheckpoint> checkpointAt(Connection c, long treeSize) throws SQLException {
        return checkpointWhere(c, "WHERE tree_size = " + treeSize);
    }

    /** The smallest checkpoint covering at least {@code treeSize} records. */
    static Optional<StoredCheckpoint> checkpointCovering(Connection c, long treeSize) throws SQLException {
        return checkpointWhere(c, "WHERE tree_size >= " + treeSize + " ORDER BY tree_size LIMIT 1");
    }

    private static Optional<StoredCheckpoint> checkpointWhere(Connection c, String where) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint " + where)) {
            return rs.next() ? Optional.of(readCheckpoint(rs)) : Optional.empty();
        }
    }

    private static StoredCheckpoint readCheckpoint(ResultSet rs) throws SQLException {
        SignedCheckpoint cp = new SignedCheckpoint(rs.getString(4), rs.getLong(1), rs.getBytes(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getBytes(6));
        return new StoredCheckpoint(cp, rs.getBytes(7));
    }

    static void insertCheckpoint(Connection c, SignedCheckpoint cp, CompactRange tree) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint (" + CHECKPOINT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING")) {
            ps.setLong(1, cp.treeSize());
            ps.setBytes(2, cp.rootHash());
            ps.setObject(3, OffsetDateTime.ofInstant(cp.timestamp(), ZoneOffset.UTC));
            ps.setString(4, cp.origin());
            ps.setString(5, cp.keyId());
            ps.setBytes(6, cp.signature());
            ps.setBytes(7, tree.serialize());
            ps.executeUpdate();
        }
    }

    /** Where the records still in the table begin: after the newest archive segment, or at the genesis. */
    static Anchor archiveAnchor(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT last_seq, last_hash FROM audit_archive_segment ORDER BY last_seq DESC LIMIT 1")) {
            if (!rs.next()) {
                return Anchor.genesis();
            }
            long last = rs.getLong(1);
            byte[] lastHash = rs.getBytes(2);
            StoredCheckpoint cp = checkpointAt(c, last).orElseThrow(() -> new IllegalStateException(
                    "archive segment ending at " + last + " has no checkpoint of that size"));
            return new Anchor(last, lastHash, cp.tree());
        }
    }

    /** Every archive segment, oldest first. */
    static List<ArchiveSegment> archiveSegments(Connection c) throws SQLException {
        List<ArchiveSegment> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT first_seq, last_seq, last_hash, root_hash, location, file_digest,"
                     + " created_at, key_id, signature FROM audit_archive_segment ORDER BY first_seq")) {
            while (rs.next()) {
                out.add(new ArchiveSegment(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5),
                        rs.getBytes(6), rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8),
                        rs.getBytes(9)));
            }
        }
        return out;
    }

    /** Hash of the record with sequence {@code seq}, which may be archived. */
    static byte[] hashAt(Connection c, long seq) throws SQLException {
        if (seq == 0) {
            return RecordEncoding.GENESIS_HASH;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?"
                + " UNION ALL SELECT last_hash FROM audit_archive_segment WHERE last_seq = ?")) {
            ps.setLong(1, seq);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("record " + seq + " is neither stored nor the end of an archive");
                }
                return rs.getBytes(1);
            }
        }
    }

    interface LinkConsumer {
        boolean accept(long sequence, byte[] previousHash, byte[] hash);
    }

    /** Streams sequence, previous hash and hash of the records from {@code first} on, until the consumer says stop. */
    static void streamLinks(Connection c, long first, LinkConsumer consumer) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, prev_hash, hash FROM audit_record WHERE seq >= ? ORDER BY seq")) {
            RecordRows.binary(ps);
            ps.setFetchSize(10_000);
            ps.setLong(1, first);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && consumer.accept(rs.getLong(1), rs.getBytes(2), rs.getBytes(3))) {
                    // the consumer does the work
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** Prefixed Merkle leaf hashes of records {@code first..last}, which must all be present. */
    static List<byte[]> leafHashes(Connection c, long first, long last) throws SQLException {
        List<byte[]> out = new ArrayList<>((int) Math.max(0, last - first + 1));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash FROM audit_record WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
            RecordRows.binary(ps);
            ps.setFetchSize(10_000);
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                long expected = first;
                while (rs.next()) {
                    if (rs.getLong(1) != expected) {
                        throw new IllegalStateException("record " + expected + " is missing; verify the ledger");
                    }
                    out.add(MerkleTree.leafHash(rs.getBytes(2)));
                    expected++;
                }
                if (expected != last + 1) {
                    throw new IllegalStateException("records " + expected + " to " + last + " are missing");
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return out;
    }
}
