package io.kubechat.bench.audit;

import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.RecordEncoding;
import io.kubechat.audit.RecordRows;
import io.kubechat.audit.checkpoint.SigningKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger appends against plain single-row inserts of rows of the same size into the same PostgreSQL.
 * Every operation is its own committed transaction with synchronous_commit on, as in production.
 * {@link AuditLedgerBench} starts the database and passes its address in {@value BenchRecords#JDBC_URL}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class AuditAppendBench {

    private static final AtomicLong PLAIN_SEQUENCE = new AtomicLong(System.nanoTime());

    static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty(BenchRecords.JDBC_URL));
        return ds;
    }

    /** One connection per thread, as each writer of the baseline would have. */
    @State(Scope.Thread)
    public static class PlainInsert {
        Connection connection;
        PreparedStatement insert;
        AuditRecord template;
        long i;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            connection = dataSource().getConnection();
            insert = connection.prepareStatement(RecordRows.INSERT.replace("audit_record", "bench_plain"));
            byte[] hash = new byte[32];
            new SecureRandom().nextBytes(hash);
            AuditEvent event = BenchRecords.event(7);
            template = new AuditRecord(0, Instant.now(), 1, event, RecordEncoding.resultDigest(event.result()), hash, hash);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }

        long insertOne() throws SQLException {
            AuditEvent event = BenchRecords.event(i++);
            AuditRecord r = new AuditRecord(PLAIN_SEQUENCE.incrementAndGet(), RecordEncoding.truncate(Instant.now()), 1,
                    event, template.resultDigest(), template.previousHash(), template.hash());
            RecordRows.bind(connection, insert, r);
            return insert.executeUpdate();
        }
    }

    /** One ledger for the process, shared by its writer threads as the operator would share it. */
    @State(Scope.Benchmark)
    public static class Ledger {
        AuditLedger ledger;
        final AtomicLong i = new AtomicLong();

        @Setup(Level.Trial)
        public void open() {
            ledger = AuditLedger.open(dataSource(),
                    SigningKey.loadOrGenerate(Path.of(System.getProperty(BenchRecords.KEY_FILE))),
                    // Checkpoints every 1000 records as by default. Free-text indexing runs in bulk off the append
                    // path; AuditLedgerBench measures it separately over everything appended here.
                    LedgerConfig.defaults("kubechat.io/audit/bench").withSearchIndexInterval(null));
        }

        @TearDown(Level.Trial)
        public void close() {
            ledger.close();
        }
    }

    @Benchmark
    @Threads(1)
    public long plainInsert1(PlainInsert plain) throws SQLException {
        return plain.insertOne();
    }

    @Benchmark
    @Threads(8)
    public long plainInsert8(PlainInsert plain) throws SQLException {
        return plain.insertOne();
    }

    @Benchmark
    @Threads(1)
    public AuditRecord ledgerAppend1(Ledger ledger) {
        return ledger.ledger.append(BenchRecords.event(ledger.i.incrementAndGet()));
    }

    @Benchmark
    @Threads(8)
    public AuditRecord ledgerAppend8(Ledger ledger) {
        return ledger.ledger.append(BenchRecords.event(ledger.i.incrementAndGet()));
    }
}
