package io.kubechat.audit.verify;

import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.RecordEncoding;

import java.security.MessageDigest;

/** The checks every record must pass on its own and against the record before it. */
final class RecordChecks {

    private RecordChecks() {
    }

    /** @return null if the record is sound, else what is wrong with it */
    static String problem(AuditRecord r, long expectedSequence, byte[] expectedPreviousHash) {
        String problem = placement(r, expectedSequence, expectedPreviousHash);
        return problem != null ? problem : content(r);
    }

    /** Sequence number and link to the record before: needs the records in order. */
    static String placement(AuditRecord r, long expectedSequence, byte[] expectedPreviousHash) {
        if (r.sequence() != expectedSequence) {
            return r.sequence() > expectedSequence
                    ? "record " + expectedSequence + " is missing (next present is " + r.sequence() + ")"
                    : "record " + r.sequence() + " appears where " + expectedSequence
                            + " was expected (inserted or reordered)";
        }
        if (!MessageDigest.isEqual(r.previousHash(), expectedPreviousHash)) {
            return "previous-hash link broken: record " + r.sequence() + " does not follow the record before it";
        }
        return null;
    }

    /** Hash and result digest against the record's own content: independent of every other record. */
    static String content(AuditRecord r) {
        byte[] computed;
        try {
            computed = RecordEncoding.expectedHash(r);
        } catch (IllegalArgumentException e) {
            return "record " + r.sequence() + ": " + e.getMessage();
        }
        if (!MessageDigest.isEqual(computed, r.hash())) {
            return "hash mismatch: the content of record " + r.sequence() + " was changed";
        }
        if (r.event().result() != null
                && !MessageDigest.isEqual(RecordEncoding.resultDigest(r.event().result()), r.resultDigest())) {
            return "the result of record " + r.sequence() + " does not match its digest";
        }
        return null;
    }
}
