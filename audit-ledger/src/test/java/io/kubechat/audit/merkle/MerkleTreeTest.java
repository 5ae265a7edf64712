package io.kubechat.audit.merkle;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerkleTreeTest {

    /** The RFC 6962 / Certificate Transparency reference leaves and tree heads for sizes 0 to 8. */
    private static final List<byte[]> CT_LEAVES = hex("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<byte[]> CT_ROOTS = hex(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsMatchTheReferenceVectors() {
        for (int size = 0; size <= 8; size++) {
            TreeNodes nodes = TreeNodes.ofRecordHashes(CT_LEAVES.subList(0, size));
            CompactRange range = new CompactRange();
            CT_LEAVES.subList(0, size).forEach(range::append);
            assertThat(nodes.root(size)).as("tree of %d", size).isEqualTo(CT_ROOTS.get(size));
            assertThat(range.root()).as("compact range of %d", size).isEqualTo(CT_ROOTS.get(size));
        }
    }

    @Test
    void inclusionProofsMatchTheReferenceVectors() {
        TreeNodes nodes = TreeNodes.ofRecordHashes(CT_LEAVES);
        assertThat(MerkleTree.inclusionProof(nodes, 0, 8).path()).containsExactlyElementsOf(hex(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        assertThat(MerkleTree.inclusionProof(nodes, 5, 8).path()).containsExactlyElementsOf(hex(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    }

    @Test
    void everyInclusionProofVerifiesAndFailsWhenAnyByteChanges() {
        List<byte[]> leaves = leaves(37);
        TreeNodes nodes = TreeNodes.ofRecordHashes(leaves);
        for (long size = 1; size <= leaves.size(); size++) {
            byte[] root = nodes.root(size);
            for (long m = 0; m < size; m++) {
                InclusionProof proof = MerkleTree.inclusionProof(nodes, m, size);
                byte[] leaf = MerkleTree.leafHash(leaves.get((int) m));
                assertThat(MerkleTree.verifyInclusion(proof, leaf, root)).as("leaf %d of %d", m, size).isTrue();
                assertThat(MerkleTree.verifyInclusion(proof, flip(leaf, 7), root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(proof, leaf, flip(root, 31))).isFalse();
                for (int i = 0; i < proof.path().size(); i++) {
                    assertThat(MerkleTree.verifyInclusion(flipPathEntry(proof, i), leaf, root)).isFalse();
                }
                if (size > 1) {
                    long other = (m + 1) % size;
                    assertThat(MerkleTree.verifyInclusion(
                            new InclusionProof(other, size, proof.path()), leaf, root)).isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndFailsWhenAnyByteChanges() {
        List<byte[]> leaves = leaves(33);
        TreeNodes nodes = TreeNodes.ofRecordHashes(leaves);
        for (long n = 1; n <= leaves.size(); n++) {
            for (long m = 1; m <= n; m++) {
                ConsistencyProof proof = MerkleTree.consistencyProof(nodes, m, n);
                byte[] oldRoot = nodes.root(m);
                byte[] newRoot = nodes.root(n);
                assertThat(MerkleTree.verifyConsistency(proof, oldRoot, newRoot)).as("%d to %d", m, n).isTrue();
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(proof, flip(oldRoot, 0), newRoot)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(proof, oldRoot, flip(newRoot, 0))).isFalse();
                    for (int i = 0; i < proof.path().size(); i++) {
                        List<byte[]> path = new ArrayList<>(proof.path());
                        path.set(i, flip(path.get(i), 3));
                        assertThat(MerkleTree.verifyConsistency(new ConsistencyProof(m, n, path), oldRoot, newRoot))
                                .as("%d to %d, entry %d changed", m, n, i).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void aTreeWithAnArchivedPrefixGivesTheSameRootsAndProofsForLaterLeaves() {
        List<byte[]> leaves = leaves(45);
        TreeNodes full = TreeNodes.ofRecordHashes(leaves);
        for (int archived = 1; archived < leaves.size(); archived++) {
            CompactRange prefix = new CompactRange();
            leaves.subList(0, archived).forEach(prefix::append);
            CompactRange stored = CompactRange.deserialize(archived, prefix.serialize());
            TreeNodes partial = new TreeNodes(stored,
                    leaves.subList(archived, leaves.size()).stream().map(MerkleTree::leafHash).toList());
            for (long size = archived; size <= leaves.size(); size++) {
                assertThat(partial.root(size)).isEqualTo(full.root(size));
                for (long m = archived; m < size; m++) {
                    assertThat(MerkleTree.inclusionProof(partial, m, size).path())
                            .containsExactlyElementsOf(MerkleTree.inclusionProof(full, m, size).path());
                }
                assertThat(MerkleTree.consistencyProof(partial, archived, size).path())
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(full, archived, size).path());
            }
        }
    }

    @Test
    void proofsIntoTheArchivedPrefixAreRefused() {
        List<byte[]> leaves = leaves(10);
        CompactRange prefix = new CompactRange();
        leaves.subList(0, 5).forEach(prefix::append);
        TreeNodes partial = new TreeNodes(prefix,
                leaves.subList(5, 10).stream().map(MerkleTree::leafHash).toList());
        assertThatThrownBy(() -> MerkleTree.inclusionProof(partial, 1, 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("archive");
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new byte[] {(byte) i, (byte) (i * 7), (byte) (i >> 8)});
        }
        return out;
    }

    private static InclusionProof flipPathEntry(InclusionProof p, int i) {
        List<byte[]> path = new ArrayList<>(p.path());
        path.set(i, flip(path.get(i), 5));
        return new InclusionProof(p.leafIndex(), p.treeSize(), path);
    }

    private static byte[] flip(byte[] b, int index) {
        byte[] c = b.clone();
        c[index % c.length] ^= 0x01;
        return c;
    }

    private static List<byte[]> hex(String... values) {
        List<byte[]> out = new ArrayList<>();
        for (String v : values) {
            out.add(Hex.decode(v));
        }
        return out;
    }
}
