package io.kubechat.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the only hash the ledger uses (records, result digests and Merkle nodes). */
public final class Sha256 {

    public static final int LENGTH = 32;

    private Sha256() {
    }

    /** Cloned rather than looked up: verification hashes millions of times and the provider lookup shows. */
    private static final MessageDigest PROTOTYPE = lookUp();

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    public static byte[] of(byte[] data) {
        return newDigest().digest(data);
    }
}
