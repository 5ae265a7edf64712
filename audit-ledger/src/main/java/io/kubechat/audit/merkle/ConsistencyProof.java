package io.kubechat.audit.merkle;

import java.util.List;

/** Consistency proof of RFC 9162 2.1.4: the tree of {@code oldSize} is a prefix of the tree of {@code newSize}. */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> path) {

    public ConsistencyProof {
        path = List.copyOf(path);
    }
}
