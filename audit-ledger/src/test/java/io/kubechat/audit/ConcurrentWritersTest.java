package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SigningKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentWritersTest {

    private static final int WRITERS = 8;
    private static final int APPENDS_EACH = 150;

    @Test
    void eightReplicasAppendingAtOnceProduceOneGapFreeChain() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        SigningKey key = SigningKey.generate();
        LedgerConfig config = LedgerConfig.defaults("test").withCheckpointEveryRecords(200).withCheckpointInterval(null);
        // Separate ledger instances, each with its own connection, stand for operator and gateway replicas:
        // only the database orders them.
        List<AuditLedger> replicas = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            replicas.add(AuditLedger.open(db.app(), key, config));
        }
        try {
            List<Long> sequences = appendConcurrently(replicas);
            assertGapFree(sequences);
            AuditLedger any = replicas.get(0);
            assertThat(any.size()).isEqualTo(WRITERS * APPENDS_EACH);
            any.checkpoint();
            assertThat(any.verify().valid()).isTrue();
        } finally {
            replicas.forEach(AuditLedger::close);
        }
    }

    @Test
    void eightThreadsSharingOneLedgerProduceOneGapFreeChain() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        try (AuditLedger ledger = AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(100).withCheckpointInterval(null))) {
            List<AuditLedger> same = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                same.add(ledger);
            }
            assertGapFree(appendConcurrently(same));
            ledger.checkpoint();
            assertThat(ledger.verify().valid()).isTrue();
        }
    }

    private static List<Long> appendConcurrently(List<AuditLedger> writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> sequences = new ConcurrentLinkedQueue<>();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            AuditLedger ledger = writers.get(w);
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < APPENDS_EACH; i++) {
                    sequences.add(ledger.append(Events.command(writer * APPENDS_EACH + i)).sequence());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return new ArrayList<>(sequences);
    }

    private static void assertGapFree(List<Long> sequences) {
        assertThat(sequences).hasSize(WRITERS * APPENDS_EACH)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, WRITERS * APPENDS_EACH).boxed().toList());
    }
}
