package io.kubechat.audit.verify;

import java.util.OptionalLong;

/**
 * Outcome of a verification. When invalid, {@code firstBadSequence} is the first record that cannot be
 * trusted and {@code problem} says why, in words an auditor can act on.
 */
public record VerificationResult(boolean valid, long recordsVerified, int checkpointsVerified,
                                 OptionalLong firstBadSequence, String problem) {

    static VerificationResult ok(long records, int checkpoints) {
        return new VerificationResult(true, records, checkpoints, OptionalLong.empty(), null);
    }

    public static VerificationResult bad(long records, int checkpoints, long firstBad, String problem) {
        return new VerificationResult(false, records, checkpoints, OptionalLong.of(firstBad), problem);
    }

    @Override
    public String toString() {
        return valid
                ? "VALID: " + recordsVerified + " records, " + checkpointsVerified + " signed checkpoints"
                : "INVALID at sequence " + firstBadSequence.getAsLong() + ": " + problem;
    }
}
