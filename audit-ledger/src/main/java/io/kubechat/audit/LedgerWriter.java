package io.kubechat.audit;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends records with group commit. Threads of one process queue their events; whichever holds the lock
 * writes everything queued as one transaction, so concurrent writers share commits instead of queueing for
 * them. Each record's previous hash and sequence come from the cached chain head; the database accepts an
 * insert only if it links to the committed record before it and its number is free (trigger and primary key),
 * so writers in other processes (replicas) that extended the chain make this one re-read the head and retry.
 * An append returns only after its transaction committed.
 */
final class LedgerWriter implements AutoCloseable {

    /** SQLSTATE the link trigger raises when another writer extended the chain first. */
    private static final String HEAD_MOVED = "40001";
    /** SQLSTATE of a primary-key clash: another writer took the same number first. */
    private static final String NUMBER_TAKEN = "23505";
    private static final int MAX_ATTEMPTS = 1000;

    private final DataSource dataSource;
    private final Clock clock;
    private final int maxBatch;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private Connection connection;
    private PreparedStatement insert;
    private ChainHead head;

    LedgerWriter(DataSource dataSource, Clock clock, int maxBatch) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    AuditRecord append(AuditEvent event) {
        RecordEncoding.requireStorable(event);
        Pending pending = new Pending(event);
        queue.add(pending);
        lock.lock();
        try {
            // Only lock holders take from the queue and they finish what they take, so ours is either
            // done or still queued here.
            while (!pending.done) {
                writeNextBatch();
            }
        } finally {
            lock.unlock();
        }
        if (pending.error instanceof AuditUnavailableException e) {
            // A fresh exception so the caller's stack shows up, not the lock holder's.
            throw new AuditUnavailableException(e.getMessage(), e);
        }
        if (pending.error != null) {
            throw new IllegalStateException("audit ledger append failed", pending.error);
        }
        return pending.record;
    }

    private void writeNextBatch() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < maxBatch && batch.size() < RecordRows.MAX_ROWS_PER_STATEMENT && (next = queue.poll()) != null) {
            batch.add(next);
        }
        try {
            List<AuditRecord> records = write(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).record = records.get(i);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.error = e);
        } finally {
            batch.forEach(p -> p.done = true);
        }
    }

    private List<AuditRecord> write(List<Pending> batch) {
        List<AuditRecord> records = null;
        boolean reconnected = false;
        for (int attempt = 1; ; attempt++) {
            try {
                Connection c = connection();
                if (reconnected && records != null && committed(c, records.get(records.size() - 1))) {
                    // The connection broke after the commit reached the server: done, and not to be repeated.
                    return advanceHead(records);
                }
                if (head == null) {
                    c.setAutoCommit(true);
                    head = LedgerStore.head(c);
                }
                records = chain(batch, head);
                insert(c, records);
                return advanceHead(records);
            } catch (SQLException e) {
                head = null;
                if ((hasState(e, HEAD_MOVED) || hasState(e, NUMBER_TAKEN)) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                closeConnection();
                // A kept connection may have died with a server restart since the last append: one fresh try.
                if (connectionLost(e) && !reconnected) {
                    reconnected = true;
                    continue;
                }
                throw new AuditUnavailableException("audit ledger append failed (SQLSTATE " + e.getSQLState()
                        + "); the event is not recorded: " + e.getMessage(), e);
            }
        }
    }

    private List<AuditRecord> advanceHead(List<AuditRecord> records) {
        AuditRecord last = records.get(records.size() - 1);
        head = new ChainHead(last.sequence(), last.hash(), last.recordedAt());
        return records;
    }

    private static boolean committed(Connection c, AuditRecord last) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?")) {
            ps.setLong(1, last.sequence());
            try (ResultSet rs = ps.executeQuery()) {
                // The hash covers the time and content, so only our own record can match it.
                return rs.next() && MessageDigest.isEqual(rs.getBytes(1), last.hash());
            }
        }
    }

    /** Connection failures (08) and server shutdowns or crashes (57P) end the session, not the request. */
    private static boolean connectionLost(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private List<AuditRecord> chain(List<Pending> batch, ChainHead from) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long seq = from.sequence();
        byte[] prev = from.hash();
        Instant previousTime = from.recordedAt();
        for (Pending p : batch) {
            seq++;
            // Never earlier than the record before, even with replicas' clocks a little apart.
            Instant at = RecordEncoding.truncate(clock.instant());
            if (at.isBefore(previousTime)) {
                at = previousTime;
            }
            previousTime = at;
            byte[] digest = RecordEncoding.resultDigest(p.event.result());
            byte[] hash = RecordEncoding.hash(seq, at, p.event, digest, prev);
            records.add(new AuditRecord(seq, at, RecordEncoding.VERSION, p.event, digest, prev, hash));
            prev = hash;
        }
        return records;
    }

    private void insert(Connection c, List<AuditRecord> records) throws SQLException {
        if (insert == null) {
            insert = c.prepareStatement(RecordRows.INSERT);
        }
        if (records.size() == 1) {
            // One statement in auto-commit: one round trip, as cheap as any plain insert.
            c.setAutoCommit(true);
            RecordRows.bind(c, insert, records.get(0));
            insert.executeUpdate();
            return;
        }
        // Several records: still one statement in auto-commit, so one round trip and one commit for all of them.
        // Each row's link check sees the rows before it in the same statement.
        c.setAutoCommit(true);
        try (PreparedStatement rows = c.prepareStatement(RecordRows.insertRows(records.size()))) {
            for (int i = 0; i < records.size(); i++) {
                RecordRows.bind(c, rows, records.get(i), i);
            }
            rows.executeUpdate();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        return connection;
    }

    /** pgjdbc wraps batch errors; the server's SQLSTATE is on the chained exception. */
    private static boolean hasState(SQLException e, String state) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (state.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void closeConnection() {
        insert = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection fails; nothing is left to release.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeConnection();
        } finally {
            lock.unlock();
        }
    }

    private static final class Pending {
        final AuditEvent event;
        // Written by the lock holder before done; read by the owner after it saw done under the lock.
        AuditRecord record;
        RuntimeException error;
        boolean done;

        Pending(AuditEvent event) {
            this.event = event;
        }
    }
}
