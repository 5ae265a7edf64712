package io.kubechat.audit.verify;

import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.merkle.CompactRange;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Streams records in sequence order and checks, for each: the sequence has no gap, the previous hash links to
 * the record before, the hash matches the canonical encoding, the result (when present) matches its digest;
 * and at every checkpoint size: the Ed25519 signature and the Merkle root over all hashes so far.
 * Memory stays constant (one compact range), so a million records verify in one pass.
 * Needs no database: exports and the command-line verifier use it too.
 */
public final class LedgerVerifier {

    private final VerificationKey key;
    private final TreeMap<Long, List<SignedCheckpoint>> pending = new TreeMap<>();
    private final CompactRange tree;
    private long expected;
    private byte[] previousHash;
    private long lastTrustedSize;
    private int checkpointsVerified;
    private long recordsVerified;
    private VerificationResult failure;
    private VerificationResult forgedCheckpoint;

    /**
     * @param checkpoints checkpoints from every source (database, published copies, an export); two that
     *                    disagree about the same tree size are themselves evidence of tampering
     */
    public LedgerVerifier(VerificationKey key, Anchor anchor, Collection<SignedCheckpoint> checkpoints) {
        this.key = key;
        this.tree = anchor.tree().copy();
        this.expected = anchor.size() + 1;
        this.previousHash = anchor.lastHash();
        this.lastTrustedSize = anchor.size();
        for (SignedCheckpoint c : checkpoints) {
            pending.computeIfAbsent(c.treeSize(), size -> new ArrayList<>()).add(c);
        }
        checkCheckpointsUpTo(anchor.size());
    }

    public static VerificationResult verify(VerificationKey key, Anchor anchor,
                                            Collection<SignedCheckpoint> checkpoints, Iterator<AuditRecord> records) {
        LedgerVerifier v = new LedgerVerifier(key, anchor, checkpoints);
        while (records.hasNext() && v.accept(records.next())) {
            // accept() does the work and says when to stop
        }
        return v.finish(0);
    }

    /** Returns false once verification has failed; the caller stops reading. */
    public boolean accept(AuditRecord r) {
        return accept(r, contentProblem(r));
    }

    /**
     * What is wrong with the record's content (hash, result digest) on its own, or null. It depends on no other
     * record, so callers may compute it for many records in parallel and pass it to {@link #accept(AuditRecord,
     * String)}, which checks the rest in order.
     */
    public static String contentProblem(AuditRecord r) {
        return RecordChecks.content(r);
    }

    /**
     * Like {@link #accept(AuditRecord)}, with the record's content already checked by {@link #contentProblem}.
     * Returns false once verification has failed; the caller stops reading.
     */
    public boolean accept(AuditRecord r, String contentProblem) {
        if (failure != null) {
            return false;
        }
        String problem = RecordChecks.placement(r, expected, previousHash);
        if (problem == null) {
            problem = contentProblem;
        }
        if (problem != null) {
            return fail(expected, problem);
        }
        tree.append(r.hash());
        previousHash = r.hash();
        expected++;
        recordsVerified++;
        checkCheckpointsUpTo(r.sequence());
        return failure == null;
    }

    /**
     * @param claimedSize what the source says its size is (the database's chain head), 0 if it does not say;
     *                    fewer records than claimed, or than a checkpoint covers, means the tail was cut off
     */
    public VerificationResult finish(long claimedSize) {
        if (failure != null) {
            return failure;
        }
        long last = expected - 1;
        if (!pending.isEmpty()) {
            fail(expected, "a checkpoint covers " + pending.lastKey() + " records but only " + last
                    + " are present: the log was truncated");
        } else if (claimedSize > last) {
            fail(expected, "the chain head says " + claimedSize + " records but only " + last
                    + " are present: the log was truncated");
        }
        if (failure != null) {
            return failure;
        }
        return forgedCheckpoint != null ? forgedCheckpoint : VerificationResult.ok(recordsVerified, checkpointsVerified);
    }

    private void checkCheckpointsUpTo(long size) {
        while (failure == null && !pending.isEmpty() && pending.firstKey() <= size) {
            List<SignedCheckpoint> atSize = new ArrayList<>(pending.pollFirstEntry().getValue());
            // Genuine checkpoints first, so a forged one is blamed only on records no genuine one vouches for.
            atSize.sort(Comparator.comparing(c -> !key.verify(c)));
            for (SignedCheckpoint c : atSize) {
                if (!checkpointHolds(c)) {
                    return;
                }
            }
        }
    }

    private boolean checkpointHolds(SignedCheckpoint c) {
        // Records after the last checkpoint that held are the ones a failure here puts in doubt.
        long firstDoubtful = lastTrustedSize + 1;
        if (!key.verify(c)) {
            String problem = "checkpoint for tree size " + c.treeSize() + " has an invalid signature"
                    + " (altered, or signed by another key: " + c.keyId() + ")";
            if (lastTrustedSize == c.treeSize() && MessageDigest.isEqual(c.rootHash(), tree.root())) {
                // A genuine checkpoint already vouches for these records: the forgery is reported, but only
                // if nothing later pins down the damage more precisely.
                if (forgedCheckpoint == null) {
                    forgedCheckpoint = VerificationResult.bad(recordsVerified, checkpointsVerified, firstDoubtful,
                            problem);
                }
                return true;
            }
            return fail(firstDoubtful, problem);
        }
        if (c.treeSize() < tree.size()) {
            // Inside an archived prefix: the signature holds, the leaves are in the archive segment.
            checkpointsVerified++;
            return true;
        }
        if (!MessageDigest.isEqual(tree.root(), c.rootHash())) {
            return fail(firstDoubtful, "the Merkle root of the first " + c.treeSize()
                    + " records differs from the signed checkpoint: records after " + lastTrustedSize
                    + " were rewritten");
        }
        lastTrustedSize = c.treeSize();
        checkpointsVerified++;
        return true;
    }

    private boolean fail(long sequence, String problem) {
        if (failure == null) {
            failure = VerificationResult.bad(recordsVerified, checkpointsVerified, sequence, problem);
        }
        return false;
    }
}
