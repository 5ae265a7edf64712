package io.kubechat.audit;

import io.kubechat.audit.verify.LedgerVerifier;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds records to a {@link LedgerVerifier} in sequence order, with the expensive part done in parallel:
 * workers each read a chunk of consecutive sequence numbers on their own connection, decode it and check every
 * record's content (its hash and result digest depend on nothing else), while the calling thread takes the
 * chunks in order and checks what needs the order (numbering, links, the Merkle tree, checkpoints).
 * A million records then use every core instead of one reader and one hasher, in bounded memory.
 */
final class RecordPipeline {

    private static final int CHUNK = 5_000;

    private RecordPipeline() {
    }

    private record Chunk(List<AuditRecord> records, List<String> problems) {
    }

    /** Verifies records {@code first..last}; stops at the first failure the verifier reports. */
    static void verify(DataSource dataSource, long first, long last, LedgerVerifier verifier) throws SQLException {
        if (first > last) {
            return;
        }
        // One more worker than cores: each also waits for PostgreSQL to send its rows.
        int wanted = Math.min(8, Runtime.getRuntime().availableProcessors() + 1);
        List<Connection> opened = openConnections(dataSource, wanted);
        int workers = opened.size();
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(workers, false, opened);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "audit-verify-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
            long next = first;
            while (next <= last || !inFlight.isEmpty()) {
                // Enough chunks ahead to keep every worker busy, few enough to bound memory.
                while (next <= last && inFlight.size() < workers * 2) {
                    long from = next;
                    long to = Math.min(last, next + CHUNK - 1);
                    inFlight.add(pool.submit(() -> readAndCheck(connections, from, to)));
                    next = to + 1;
                }
                Chunk chunk = await(inFlight.poll());
                for (int i = 0; i < chunk.records().size(); i++) {
                    if (!verifier.accept(chunk.records().get(i), chunk.problems().get(i))) {
                        return;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
            opened.forEach(RecordPipeline::closeQuietly);
        }
    }

    /** The first connection is required; more are taken only as far as the data source (a pool) gives them. */
    private static List<Connection> openConnections(DataSource dataSource, int wanted) throws SQLException {
        List<Connection> opened = new ArrayList<>(wanted);
        opened.add(dataSource.getConnection());
        try {
            while (opened.size() < wanted) {
                opened.add(dataSource.getConnection());
            }
        } catch (SQLException e) {
            // Fewer workers then; verification stays complete.
        }
        return opened;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Chunk readAndCheck(BlockingQueue<Connection> connections, long from, long to)
            throws SQLException, InterruptedException {
        Connection c = connections.take();
        try {
            List<AuditRecord> records = new ArrayList<>(CHUNK);
            List<String> problems = new ArrayList<>(CHUNK);
            RecordRows.stream(c, from, to, r -> {
                records.add(r);
                problems.add(LedgerVerifier.contentProblem(r));
                return true;
            });
            return new Chunk(records, problems);
        } finally {
            connections.add(c);
        }
    }

    private static Chunk await(Future<Chunk> chunk) throws SQLException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying records", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("verifying records failed", e.getCause());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // A connection that cannot be closed is already gone.
        }
    }
}
