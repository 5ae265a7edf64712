package io.kubechat.audit.retention;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Records {@code firstSequence..lastSequence} moved out of the table into the export file at {@code location}.
 * The segment's row stays in the database; its Ed25519 signature binds the range, the last hash, the Merkle
 * root and the file's SHA-256, so the archive cannot be swapped without the swap showing.
 */
public record ArchiveSegment(long firstSequence, long lastSequence, byte[] lastHash, byte[] rootHash,
                             String location, byte[] fileDigest, Instant createdAt, String keyId, byte[] signature) {

    public static final String FORMAT = "kubechat-audit-archive/v1";

    public static byte[] signedBytes(String origin, long first, long last, byte[] lastHash, byte[] rootHash,
                                     byte[] fileDigest) {
        Base64.Encoder b64 = Base64.getEncoder();
        return (FORMAT + "\n" + origin + "\n" + first + "\n" + last + "\n" + b64.encodeToString(lastHash) + "\n"
                + b64.encodeToString(rootHash) + "\n" + b64.encodeToString(fileDigest) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
