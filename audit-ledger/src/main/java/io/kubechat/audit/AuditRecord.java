package io.kubechat.audit;

import java.time.Instant;

/**
 * One stored ledger entry. {@code hash} is SHA-256 over {@link RecordEncoding} of every other field;
 * {@code resultDigest} stands in for the result, so an export may leave large results out and stay verifiable.
 */
public record AuditRecord(
        long sequence,
        Instant recordedAt,
        int encodingVersion,
        AuditEvent event,
        byte[] resultDigest,
        byte[] previousHash,
        byte[] hash) {

    /** The same record without its result text (the digest stays, so it still verifies). */
    public AuditRecord withoutResult() {
        AuditEvent e = event;
        return new AuditRecord(sequence, recordedAt, encodingVersion,
                new AuditEvent(e.eventType(), e.actor(), e.cluster(), e.namespace(), e.sessionRef(), e.commandRef(),
                        e.requestText(), e.command(), e.kubectl(), e.riskLevel(), e.decision(), e.reason(),
                        e.outcome(), null),
                resultDigest, previousHash, hash);
    }
}
