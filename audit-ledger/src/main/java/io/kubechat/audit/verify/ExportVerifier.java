package io.kubechat.audit.verify;

import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.export.ExportBundle;
import io.kubechat.audit.export.ExportReader;
import io.kubechat.audit.export.TamperedExportException;
import io.kubechat.audit.merkle.InclusionProof;
import io.kubechat.audit.merkle.MerkleTree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an export offline with nothing but the ledger's public key: the checkpoint's signature, every
 * record's hash and link, that the range is complete, and that its first and last records are in the
 * signed tree (the chain vouches for the ones in between).
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    public static VerificationResult verify(Path export, VerificationKey key) throws IOException {
        ExportBundle bundle;
        try {
            bundle = ExportReader.read(export);
        } catch (TamperedExportException e) {
            return VerificationResult.bad(0, 0, e.sequence(), e.getMessage());
        }
        return verify(bundle, key);
    }

    public static VerificationResult verify(ExportBundle b, VerificationKey key) {
        long first = b.firstSequence();
        List<AuditRecord> records = b.records();
        if (records.isEmpty()) {
            return VerificationResult.bad(0, 0, first, "the export holds no records");
        }
        if (!key.verify(b.checkpoint())) {
            return VerificationResult.bad(0, 0, first, "the checkpoint's signature is invalid for this public key"
                    + " (altered, or signed by another key: " + b.checkpoint().keyId() + ")");
        }
        if (b.checkpoint().treeSize() < b.lastSequence()) {
            return VerificationResult.bad(0, 1, b.checkpoint().treeSize() + 1,
                    "the checkpoint does not cover the exported range");
        }
        long expected = first;
        byte[] previous = records.get(0).previousHash();
        for (AuditRecord r : records) {
            String problem = RecordChecks.problem(r, expected, previous);
            if (problem != null) {
                return VerificationResult.bad(expected - first, 1, expected, problem);
            }
            previous = r.hash();
            expected++;
        }
        if (expected - 1 != b.lastSequence()) {
            return VerificationResult.bad(records.size(), 1, expected, "the export ends at " + (expected - 1)
                    + " but says it holds records up to " + b.lastSequence() + ": truncated");
        }
        for (AuditRecord endpoint : List.of(records.get(0), records.get(records.size() - 1))) {
            Optional<InclusionProof> proof = b.proofs().stream()
                    .filter(p -> p.leafIndex() == endpoint.sequence() - 1 && p.treeSize() == b.checkpoint().treeSize())
                    .findFirst();
            if (proof.isEmpty() || !MerkleTree.verifyInclusion(proof.get(), MerkleTree.leafHash(endpoint.hash()),
                    b.checkpoint().rootHash())) {
                return VerificationResult.bad(records.size(), 1, endpoint.sequence(), "record "
                        + endpoint.sequence() + " is not proven to be in the signed tree of size "
                        + b.checkpoint().treeSize());
            }
        }
        return VerificationResult.ok(records.size(), 1);
    }
}
