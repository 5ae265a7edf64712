package io.kubechat.audit.merkle;

import java.util.List;

/** Audit path of RFC 9162 2.1.3: the leaf at {@code leafIndex} is in the tree of {@code treeSize}. */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    public InclusionProof {
        path = List.copyOf(path);
    }
}
