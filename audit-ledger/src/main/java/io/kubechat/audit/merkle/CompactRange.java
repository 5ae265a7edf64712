package io.kubechat.audit.merkle;

import io.kubechat.audit.Sha256;

import java.util.ArrayList;
import java.util.List;

/**
 * The perfect subtrees that cover leaves [0, size) of an RFC 9162 tree, one per set bit of {@code size},
 * largest first. Appending a leaf costs amortised one hash, so a root over a million leaves streams in
 * constant memory, and a stored range lets later roots and proofs continue without the earlier leaves.
 */
public final class CompactRange {

    private final List<byte[]> nodes;
    private long size;

    public CompactRange() {
        this(0, new ArrayList<>());
    }

    private CompactRange(long size, List<byte[]> nodes) {
        this.size = size;
        this.nodes = nodes;
    }

    /** Rebuilds a range from {@link #serialize()}; the caller checks {@link #root()} against a signed root. */
    public static CompactRange deserialize(long size, byte[] bytes) {
        int count = Long.bitCount(size);
        if (size < 0 || bytes.length != count * Sha256.LENGTH) {
            throw new IllegalArgumentException("a compact range of size " + size + " has " + count + " nodes");
        }
        List<byte[]> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] n = new byte[Sha256.LENGTH];
            System.arraycopy(bytes, i * Sha256.LENGTH, n, 0, Sha256.LENGTH);
            nodes.add(n);
        }
        return new CompactRange(size, nodes);
    }

    public CompactRange copy() {
        return new CompactRange(size, new ArrayList<>(nodes));
    }

    public long size() {
        return size;
    }

    /** Appends one leaf, given as the leaf data (a record hash); the 0x00 prefix is applied here. */
    public void append(byte[] leaf) {
        appendLeafHash(MerkleTree.leafHash(leaf));
    }

    public void appendLeafHash(byte[] leafHash) {
        byte[] node = leafHash;
        long s = size;
        // Each trailing one bit of the old size is a subtree of equal height that now merges with the new node.
        while ((s & 1) == 1) {
            node = MerkleTree.nodeHash(nodes.remove(nodes.size() - 1), node);
            s >>= 1;
        }
        nodes.add(node);
        size++;
    }

    public byte[] root() {
        if (nodes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] r = nodes.get(nodes.size() - 1);
        for (int i = nodes.size() - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(nodes.get(i), r);
        }
        return r;
    }

    /** The subtree hash covering [start, end) if it is one of this range's nodes, else null. */
    byte[] node(long start, long end) {
        long offset = 0;
        for (int bit = 63, i = 0; bit >= 0; bit--) {
            long width = 1L << bit;
            if ((size & width) != 0) {
                if (offset == start && offset + width == end) {
                    return nodes.get(i);
                }
                offset += width;
                i++;
            }
        }
        return null;
    }

    public byte[] serialize() {
        byte[] out = new byte[nodes.size() * Sha256.LENGTH];
        for (int i = 0; i < nodes.size(); i++) {
            System.arraycopy(nodes.get(i), 0, out, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        return out;
    }
}
