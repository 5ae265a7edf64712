package io.kubechat.audit.merkle;

import io.kubechat.audit.Sha256;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Merkle tree hashing, proofs and proof verification exactly as RFC 9162 section 2.1 defines them.
 * The leaves of the ledger's tree are the record hashes in sequence order (leaf index = sequence - 1).
 */
public final class MerkleTree {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    public static byte[] emptyRoot() {
        return Sha256.of(new byte[0]);
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest d = Sha256.newDigest();
        d.update(LEAF_PREFIX);
        d.update(leaf);
        return d.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = Sha256.newDigest();
        d.update(NODE_PREFIX);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** Largest power of two strictly smaller than {@code n} (n >= 2), the split point of RFC 9162. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The audit path PATH(m, D[n]) of RFC 9162 2.1.3.1 for leaf {@code index} in the tree of {@code size}. */
    public static InclusionProof inclusionProof(TreeNodes nodes, long index, long size) {
        if (index < 0 || index >= size || size > nodes.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(nodes, index, 0, size, path);
        return new InclusionProof(index, size, path);
    }

    private static void path(TreeNodes nodes, long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(nodes, m, start, start + k, out);
            out.add(nodes.root(start + k, end));
        } else {
            path(nodes, m - k, start + k, end, out);
            out.add(nodes.root(start, start + k));
        }
    }

    /** PROOF(m, D[n]) of RFC 9162 2.1.4.1: the tree of {@code oldSize} is a prefix of the tree of {@code newSize}. */
    public static ConsistencyProof consistencyProof(TreeNodes nodes, long oldSize, long newSize) {
        if (oldSize < 1 || oldSize > newSize || newSize > nodes.size()) {
            throw new IllegalArgumentException("no consistency proof from " + oldSize + " to " + newSize);
        }
        List<byte[]> path = new ArrayList<>();
        if (oldSize < newSize) {
            subproof(nodes, oldSize, 0, newSize, true, path);
        }
        return new ConsistencyProof(oldSize, newSize, path);
    }

    private static void subproof(TreeNodes nodes, long m, long start, long end, boolean complete, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(nodes.root(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(nodes, m, start, start + k, complete, out);
            out.add(nodes.root(start + k, end));
        } else {
            subproof(nodes, m - k, start + k, end, false, out);
            out.add(nodes.root(start, start + k));
        }
    }

    /** RFC 9162 2.1.3.2. {@code leafHash} is the already prefixed leaf hash. */
    public static boolean verifyInclusion(InclusionProof proof, byte[] leafHash, byte[] root) {
        long fn = proof.leafIndex();
        long sn = proof.treeSize() - 1;
        if (fn < 0 || fn > sn || leafHash == null || root == null) {
            return false;
        }
        byte[] r = leafHash;
        for (byte[] p : proof.path()) {
            if (sn == 0 || p == null || p.length != Sha256.LENGTH) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 2.1.4.2. */
    public static boolean verifyConsistency(ConsistencyProof proof, byte[] oldRoot, byte[] newRoot) {
        long first = proof.oldSize();
        long second = proof.newSize();
        if (first < 1 || first > second || oldRoot == null || newRoot == null) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.path());
        if (first == second) {
            return path.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (path.isEmpty() || path.stream().anyMatch(p -> p == null || p.length != Sha256.LENGTH)) {
            return false;
        }
        if (Long.bitCount(first) == 1) {
            path.add(0, oldRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }
}
