package io.kubechat.audit.export;

import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.merkle.InclusionProof;
import io.kubechat.audit.merkle.MerkleTree;
import io.kubechat.audit.merkle.TreeNodes;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds verifiable exports of a range of the ledger and writes them as JSON lines, CSV or PDF. */
public final class AuditExporter {

    public enum Format { JSONL, CSV, PDF }

    private final AuditLedger ledger;

    public AuditExporter(AuditLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Records {@code first..last} with the smallest checkpoint covering them (signed now if none does yet).
     *
     * @param includeResults false leaves the full results out; their digests keep the records verifiable
     */
    public ExportBundle bundle(long first, long last, boolean includeResults) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("invalid range " + first + " to " + last);
        }
        List<AuditRecord> records = new ArrayList<>();
        ledger.records(first, last, r -> records.add(includeResults ? r : r.withoutResult()));
        if (records.size() != last - first + 1) {
            throw new IllegalArgumentException("records " + first + " to " + last + " are not all in the ledger");
        }
        SignedCheckpoint checkpoint = ledger.checkpointCovering(last);
        TreeNodes tree = ledger.treeNodes(checkpoint.treeSize());
        List<InclusionProof> proofs = new ArrayList<>();
        proofs.add(MerkleTree.inclusionProof(tree, first - 1, checkpoint.treeSize()));
        if (last != first) {
            proofs.add(MerkleTree.inclusionProof(tree, last - 1, checkpoint.treeSize()));
        }
        return new ExportBundle(checkpoint.origin(), first, last, Instant.now(), includeResults, records,
                checkpoint, proofs);
    }

    public static void write(ExportBundle bundle, Format format, OutputStream out) throws IOException {
        switch (format) {
            case JSONL -> JsonlFormat.write(bundle, out);
            case CSV -> CsvFormat.write(bundle, out);
            case PDF -> PdfFormat.write(bundle, out);
        }
    }
}
