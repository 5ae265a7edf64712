package io.kubechat.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Streams records with reading and decoding on one thread and the caller's work (hashing, for verification)
 * on the calling thread, so a long verification uses two cores instead of one.
 */
final class RecordPipeline {

    private static final int BATCH = 1000;
    private static final List<AuditRecord> END = List.of();

    private RecordPipeline() {
    }

    static void stream(DataSource dataSource, long first, Predicate<AuditRecord> consumer) throws SQLException {
        BlockingQueue<List<AuditRecord>> batches = new ArrayBlockingQueue<>(8);
        AtomicBoolean stop = new AtomicBoolean();
        SQLException[] failure = new SQLException[1];
        Thread reader = new Thread(() -> {
            List<AuditRecord> batch = new ArrayList<>(BATCH);
            try (Connection c = dataSource.getConnection()) {
                RecordRows.stream(c, first, Long.MAX_VALUE, r -> {
                    batch.add(r);
                    if (batch.size() == BATCH) {
                        put(batches, new ArrayList<>(batch));
                        batch.clear();
                    }
                    return !stop.get();
                });
                put(batches, batch);
            } catch (SQLException e) {
                failure[0] = e;
            } finally {
                put(batches, END);
            }
        }, "audit-record-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            for (List<AuditRecord> batch = take(batches); batch != END; batch = take(batches)) {
                for (AuditRecord r : batch) {
                    if (!stop.get() && !consumer.test(r)) {
                        stop.set(true);
                    }
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading records", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void put(BlockingQueue<List<AuditRecord>> queue, List<AuditRecord> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<AuditRecord> take(BlockingQueue<List<AuditRecord>> queue) throws InterruptedException {
        return queue.take();
    }
}
