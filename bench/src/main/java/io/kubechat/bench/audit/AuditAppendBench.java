package io.kubechat.bench.audit;

import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.RecordEncoding;
import io.kubechat.audit.RecordRows;
import io.kubechat.audit.checkpoint.SigningKey;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger appends against plain single-row inserts of rows of the same size into the same PostgreSQL, every
 * operation its own committed transaction with synchronous_commit on, as in production.
 *
 * <p>The four kinds run in short rounds, one after the other, many times over, rather than each for one long
 * stretch: on a machine shared with other work the load drifts by several times within a minute, and only
 * interleaving exposes the ledger and its baseline to the same load. Each kind's rate is its operations over
 * its time, summed over the measured rounds.
 */
final class AuditAppendBench {

    enum Kind {
        PLAIN_1("plain inserts/s, 1 writer (baseline)", 1),
        LEDGER_1("ledger appends/s, 1 writer", 1),
        PLAIN_8("plain inserts/s, 8 writers", 8),
        LEDGER_8("ledger appends/s, 8 writers", 8);

        final String label;
        final int writers;

        Kind(String label, int writers) {
            this.label = label;
            this.writers = writers;
        }
    }

    record Rates(Map<Kind, Double> perSecond, List<Double> roundRatios1, List<Double> roundRatios8) {
    }

    private static final AtomicLong PLAIN_SEQUENCE = new AtomicLong();
    private static final AtomicLong EVENTS = new AtomicLong();

    private final DataSource dataSource;
    private final SigningKey key;

    AuditAppendBench(DataSource dataSource, SigningKey key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /** {@code warmup} rounds discarded, then {@code rounds} measured, each kind for {@code slice} per round. */
    Rates run(int warmup, int rounds, Duration slice) throws Exception {
        Map<Kind, long[]> totals = new EnumMap<>(Kind.class);
        List<Double> ratios1 = new ArrayList<>();
        List<Double> ratios8 = new ArrayList<>();
        // One ledger for the process, shared by its writer threads as the operator shares it; checkpoints every
        // 1000 records as by default; free-text indexing runs off the append path (measured separately).
        List<PlainWriter> plain = new ArrayList<>();
        try (AuditLedger ledger = AuditLedger.open(dataSource, key,
                LedgerConfig.defaults("kubechat.io/audit/bench").withSearchIndexInterval(null))) {
            // Connections opened before any timing, for the baseline as for the ledger.
            for (int w = 0; w < Kind.PLAIN_8.writers; w++) {
                plain.add(new PlainWriter(dataSource));
            }
            for (int round = 0; round < warmup + rounds; round++) {
                Map<Kind, Double> rate = new EnumMap<>(Kind.class);
                for (Kind kind : Kind.values()) {
                    long start = System.nanoTime();
                    long ops = slice(kind, ledger, plain, slice);
                    long nanos = System.nanoTime() - start;
                    rate.put(kind, ops * 1e9 / nanos);
                    if (round >= warmup) {
                        long[] t = totals.computeIfAbsent(kind, k -> new long[2]);
                        t[0] += ops;
                        t[1] += nanos;
                    }
                }
                if (round >= warmup) {
                    ratios1.add(rate.get(Kind.LEDGER_1) / rate.get(Kind.PLAIN_1));
                    ratios8.add(rate.get(Kind.LEDGER_8) / rate.get(Kind.PLAIN_1));
                }
            }
        } finally {
            for (PlainWriter w : plain) {
                w.close();
            }
        }
        Map<Kind, Double> perSecond = new EnumMap<>(Kind.class);
        totals.forEach((kind, t) -> perSecond.put(kind, t[0] * 1e9 / t[1]));
        return new Rates(perSecond, ratios1, ratios8);
    }

    /** Runs {@code kind} with its number of writers for {@code length}; returns the operations committed. */
    private static long slice(Kind kind, AuditLedger ledger, List<PlainWriter> plain, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong ops = new AtomicLong();
        List<Exception> failures = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(kind.writers);
        for (int w = 0; w < kind.writers; w++) {
            Writer writer = kind == Kind.PLAIN_1 || kind == Kind.PLAIN_8 ? plain.get(w) : ledger::append;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        writer.write(BenchRecords.event(EVENTS.incrementAndGet()));
                        ops.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-" + kind + "-" + w);
            t.start();
        }
        done.await();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return ops.get();
    }

    private interface Writer {
        void write(AuditEvent event) throws SQLException;
    }

    /**
     * The baseline: one connection per writer, one prepared single-row INSERT per operation in auto-commit, of a
     * row as large as a ledger record (same columns, same event, hashes of the same length).
     */
    private static final class PlainWriter implements Writer {
        private final Connection connection;
        private final PreparedStatement insert;
        private final byte[] hash = new byte[32];
        private final byte[] digest;

        PlainWriter(DataSource dataSource) throws SQLException {
            connection = dataSource.getConnection();
            insert = connection.prepareStatement(RecordRows.INSERT.replace("audit_record", "bench_plain"));
            new SecureRandom().nextBytes(hash);
            digest = RecordEncoding.resultDigest(BenchRecords.event(0).result());
        }

        @Override
        public void write(AuditEvent event) throws SQLException {
            AuditRecord r = new AuditRecord(PLAIN_SEQUENCE.incrementAndGet(), RecordEncoding.truncate(Instant.now()), 1,
                    event, digest, hash, hash);
            RecordRows.bind(connection, insert, r);
            insert.executeUpdate();
        }

        void close() throws SQLException {
            connection.close();
        }
    }
}
