package io.kubechat.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed tree head in the manner of RFC 9162 4.10: the signer vouches that the log named {@code origin}
 * had {@code treeSize} records whose Merkle root is {@code rootHash} at {@code timestamp}.
 * The Ed25519 signature covers {@link #signedText()}, whose layout is part of the documented format.
 */
public record SignedCheckpoint(String origin, long treeSize, byte[] rootHash, Instant timestamp, String keyId,
                               byte[] signature) {

    public static final String FORMAT = "kubechat-audit-checkpoint/v1";

    public static String signedText(String origin, long treeSize, byte[] rootHash, Instant timestamp) {
        if (origin.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("origin must be one line");
        }
        return FORMAT + "\n" + origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash)
                + "\n" + timestamp.toEpochMilli() + "\n";
    }

    public byte[] signedBytes() {
        return signedText(origin, treeSize, rootHash, timestamp).getBytes(StandardCharsets.UTF_8);
    }
}
