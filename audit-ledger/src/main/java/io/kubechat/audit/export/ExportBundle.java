package io.kubechat.audit.export;

import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.merkle.InclusionProof;

import java.time.Instant;
import java.util.List;

/**
 * Everything an offline verifier needs for a range of records: the records with their hashes, a signed
 * checkpoint covering them, and inclusion proofs of the first and last record in that checkpoint's tree.
 * The hash chain ties every record in between to the last one, so two proofs vouch for the whole range.
 */
public record ExportBundle(String origin, long firstSequence, long lastSequence, Instant exportedAt,
                           boolean resultsIncluded, List<AuditRecord> records, SignedCheckpoint checkpoint,
                           List<InclusionProof> proofs) {

    public static final String FORMAT = "kubechat-audit-export";
    public static final int VERSION = 1;

    public ExportBundle {
        records = List.copyOf(records);
        proofs = List.copyOf(proofs);
    }
}
