package io.kubechat.audit.verify;

import io.kubechat.audit.RecordEncoding;
import io.kubechat.audit.merkle.CompactRange;

/**
 * Where verification starts: nothing for a whole ledger, or the end of an archived prefix
 * (its last sequence number, last record hash and the compact range of its Merkle tree).
 */
public record Anchor(long size, byte[] lastHash, CompactRange tree) {

    public Anchor {
        if (tree.size() != size) {
            throw new IllegalArgumentException("anchor tree has " + tree.size() + " leaves, expected " + size);
        }
    }

    public static Anchor genesis() {
        return new Anchor(0, RecordEncoding.GENESIS_HASH, new CompactRange());
    }
}
