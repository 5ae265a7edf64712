package io.kubechat.audit.verify;

import io.kubechat.audit.Sha256;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.retention.ArchiveSegment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;

/**
 * The archived prefix of a ledger: segments that follow each other from record 1, each signed by the ledger's key
 * over its range, last hash, Merkle root and file digest, each ending at a genuine checkpoint with that root, and
 * each file (where this process can read it) the one that was signed. Verification anchors on the newest segment,
 * so one that does not hold would let whoever wrote it cut or replace history.
 */
public final class ArchiveChecks {

    private ArchiveChecks() {
    }

    /** Null when every segment holds, else the failure, naming the first record of the first bad segment. */
    public static VerificationResult check(VerificationKey key, String origin, List<ArchiveSegment> segments,
                                           Collection<SignedCheckpoint> checkpoints) {
        long expectedFirst = 1;
        for (ArchiveSegment s : segments) {
            String problem = problem(key, origin, s, expectedFirst, checkpoints);
            if (problem != null) {
                return VerificationResult.bad(0, 0, s.firstSequence(), "archive segment " + s.firstSequence() + " to "
                        + s.lastSequence() + " " + problem);
            }
            expectedFirst = s.lastSequence() + 1;
        }
        return null;
    }

    private static String problem(VerificationKey key, String origin, ArchiveSegment s, long expectedFirst,
                                  Collection<SignedCheckpoint> checkpoints) {
        if (s.firstSequence() != expectedFirst) {
            return "does not follow the archive before it (expected it to start at " + expectedFirst + ")";
        }
        byte[] signed = ArchiveSegment.signedBytes(origin, s.firstSequence(), s.lastSequence(), s.lastHash(),
                s.rootHash(), s.fileDigest());
        if (!key.verify(signed, s.signature())) {
            return "has an invalid signature (made up, altered, or signed by another key: " + s.keyId() + ")";
        }
        boolean anchored = checkpoints.stream().anyMatch(c -> c.treeSize() == s.lastSequence() && key.verify(c)
                && MessageDigest.isEqual(c.rootHash(), s.rootHash()));
        if (!anchored) {
            return "ends at no genuine checkpoint with its Merkle root";
        }
        Path file = Path.of(s.location());
        if (Files.isRegularFile(file)) {
            try {
                if (!MessageDigest.isEqual(Sha256.of(Files.readAllBytes(file)), s.fileDigest())) {
                    return "file " + file + " is not the file that was signed (SHA-256 differs)";
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read archive segment " + file, e);
            }
        }
        return null;
    }
}
