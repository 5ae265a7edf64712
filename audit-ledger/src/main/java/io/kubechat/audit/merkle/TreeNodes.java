package io.kubechat.audit.merkle;

import java.util.List;

/**
 * Subtree hashes of a tree whose first leaves may have been archived: those are represented only by the
 * compact range at the archive boundary, the rest by their leaf hashes. Every root, and every proof for a
 * leaf after the boundary, is computable from that; proofs reaching into the archive need the archive itself.
 */
public final class TreeNodes {

    private final CompactRange archived;
    private final List<byte[]> leafHashes;

    /**
     * @param archived   compact range of the archived prefix (empty range if nothing is archived)
     * @param leafHashes prefixed leaf hashes of the leaves that follow it, in order
     */
    public TreeNodes(CompactRange archived, List<byte[]> leafHashes) {
        this.archived = archived;
        this.leafHashes = leafHashes;
    }

    public static TreeNodes ofRecordHashes(List<byte[]> recordHashes) {
        return new TreeNodes(new CompactRange(), recordHashes.stream().map(MerkleTree::leafHash).toList());
    }

    public long size() {
        return archived.size() + leafHashes.size();
    }

    public byte[] root(long size) {
        return size == 0 ? MerkleTree.emptyRoot() : root(0, size);
    }

    /** MTH(D[start:end]) of RFC 9162 2.1.1. */
    byte[] root(long start, long end) {
        long a = archived.size();
        if (start >= a) {
            return rootOfLeaves((int) (start - a), (int) (end - a));
        }
        if (start == 0 && end == a) {
            return archived.root();
        }
        byte[] node = archived.node(start, end);
        if (node != null) {
            return node;
        }
        if (end <= a || end - start == 1) {
            throw new IllegalStateException("subtree [" + start + ", " + end + ") lies in the archived prefix; "
                    + "use the archive segment for proofs about archived records");
        }
        long k = MerkleTree.split(end - start);
        return MerkleTree.nodeHash(root(start, start + k), root(start + k, end));
    }

    private byte[] rootOfLeaves(int start, int end) {
        if (end - start == 1) {
            return leafHashes.get(start);
        }
        int k = (int) MerkleTree.split(end - start);
        return MerkleTree.nodeHash(rootOfLeaves(start, start + k), rootOfLeaves(start + k, end));
    }
}
