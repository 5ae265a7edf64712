package io.kubechat.audit;

import io.kubechat.audit.checkpoint.FileCheckpointPublisher;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.merkle.ConsistencyProof;
import io.kubechat.audit.merkle.InclusionProof;
import io.kubechat.audit.merkle.MerkleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointProofTest {

    @TempDir
    Path dir;

    private TestPostgres.Database db;
    private FileCheckpointPublisher published;
    private AuditLedger ledger;

    @BeforeEach
    void open() {
        db = TestPostgres.newDatabase();
        published = new FileCheckpointPublisher(dir.resolve("checkpoints.jsonl"));
        ledger = AuditLedger.open(db.app(), SigningKey.loadOrGenerate(dir.resolve("key.pem")),
                LedgerConfig.defaults("kubechat.io/audit/test").withCheckpointEveryRecords(10)
                        .withCheckpointInterval(null), published);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void checkpointsAreSignedEveryNRecordsStoredAndPublished() throws Exception {
        for (int i = 1; i <= 35; i++) {
            ledger.append(Events.command(i));
        }
        awaitCheckpointCovering(30);
        // Waits for a background checkpoint still running (checkpoint() is serialised) and covers the rest.
        ledger.checkpoint();

        List<SignedCheckpoint> stored = ledger.checkpoints();
        assertThat(stored).isNotEmpty().allSatisfy(cp -> {
            assertThat(ledger.verificationKey().verify(cp)).isTrue();
            assertThat(cp.origin()).isEqualTo("kubechat.io/audit/test");
        });
        assertThat(published.published()).extracting(SignedCheckpoint::treeSize)
                .containsExactlyElementsOf(stored.stream().map(SignedCheckpoint::treeSize).toList());
        assertThat(ledger.lastBackgroundFailure()).isEmpty();
    }

    @Test
    void aTimedCheckpointCoversRecordsBelowTheCountThreshold() throws Exception {
        ledger.close();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(), LedgerConfig.defaults("test")
                .withCheckpointEveryRecords(0).withCheckpointInterval(Duration.ofMillis(100)));
        ledger.append(Events.command(1));
        ledger.append(Events.command(2));
        awaitCheckpointCovering(2);
        assertThat(ledger.latestCheckpoint().orElseThrow().treeSize()).isEqualTo(2);
    }

    @Test
    void inclusionProofsOfEveryRecordVerifyAgainstTheSignedRoot() {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            records.add(ledger.append(Events.command(i)));
        }
        SignedCheckpoint cp = ledger.checkpoint().orElseThrow();
        assertThat(cp.treeSize()).isEqualTo(21);

        for (AuditRecord r : records) {
            InclusionProof proof = ledger.inclusionProof(r.sequence(), cp.treeSize());
            assertThat(MerkleTree.verifyInclusion(proof, MerkleTree.leafHash(r.hash()), cp.rootHash())).isTrue();
            byte[] altered = r.hash().clone();
            altered[0] ^= 1;
            assertThat(MerkleTree.verifyInclusion(proof, MerkleTree.leafHash(altered), cp.rootHash())).isFalse();
        }
    }

    @Test
    void consistencyProofsLinkEveryPairOfCheckpoints() {
        List<SignedCheckpoint> checkpoints = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            ledger.append(Events.command(i));
            if (i % 7 == 0) {
                checkpoints.add(ledger.checkpoint().orElseThrow());
            }
        }
        for (SignedCheckpoint older : checkpoints) {
            for (SignedCheckpoint newer : checkpoints) {
                if (older.treeSize() <= newer.treeSize()) {
                    ConsistencyProof proof = ledger.consistencyProof(older.treeSize(), newer.treeSize());
                    assertThat(MerkleTree.verifyConsistency(proof, older.rootHash(), newer.rootHash())).isTrue();
                }
            }
        }
        ConsistencyProof proof = ledger.consistencyProof(7, 28);
        byte[] forgedRoot = checkpoints.get(0).rootHash().clone();
        forgedRoot[5] ^= 1;
        assertThat(MerkleTree.verifyConsistency(proof, forgedRoot, checkpoints.get(3).rootHash())).isFalse();
    }

    @Test
    void theLedgerRefusesToSignOverABrokenChain() {
        for (int i = 1; i <= 5; i++) {
            ledger.append(Events.command(i));
        }
        db.tamper("DELETE FROM audit_record WHERE seq = 4");
        assertThatThrownBy(() -> ledger.checkpoint())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to sign a broken chain")
                .hasMessageContaining("record 4 is missing");
    }

    private void awaitCheckpointCovering(long size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ledger.latestCheckpoint().map(SignedCheckpoint::treeSize).orElse(0L) < size) {
            assertThat(ledger.lastBackgroundFailure()).isEmpty();
            assertThat(System.nanoTime()).as("checkpoint covering %d in time", size).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
