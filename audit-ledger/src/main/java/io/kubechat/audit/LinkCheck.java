package io.kubechat.audit;

import io.kubechat.audit.merkle.CompactRange;
import io.kubechat.audit.verify.Anchor;

import java.security.MessageDigest;

/** Follows the chain by sequence numbers and links only, building its Merkle tree, for signing checkpoints. */
final class LinkCheck {

    private final CompactRange tree;
    private long expected;
    private byte[] lastHash;
    private String problem;

    LinkCheck(Anchor anchor) {
        this.tree = anchor.tree().copy();
        this.expected = anchor.size() + 1;
        this.lastHash = anchor.lastHash();
    }

    boolean accept(long sequence, byte[] previousHash, byte[] hash) {
        if (sequence != expected) {
            problem = "record " + expected + " is missing or out of place (found " + sequence + ")";
            return false;
        }
        if (!MessageDigest.isEqual(previousHash, lastHash)) {
            problem = "record " + sequence + " does not link to the record before it";
            return false;
        }
        tree.append(hash);
        lastHash = hash;
        expected++;
        return true;
    }

    String problem() {
        return problem;
    }

    long size() {
        return tree.size();
    }

    CompactRange tree() {
        return tree;
    }
}
