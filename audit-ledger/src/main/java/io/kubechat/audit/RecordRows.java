package io.kubechat.audit;

import org.postgresql.PGStatement;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** Mapping between {@link AuditRecord} and rows of {@code audit_record}. */
public final class RecordRows {

    public static final String COLUMNS = "seq, recorded_at, encoding_version, event_type, actor_user, actor_groups,"
            + " source_ip, user_agent, cluster, namespace, session_ref, command_ref, request_text, command, kubectl,"
            + " risk_level, decision, reason, outcome, result_digest, result, prev_hash, hash";

    private static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int PARAMETERS = 23;
    /** The protocol carries at most 65535 parameters in one statement. */
    static final int MAX_ROWS_PER_STATEMENT = 65_535 / PARAMETERS;

    public static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ") VALUES " + VALUES;

    private static final int FETCH_SIZE = 2000;

    private RecordRows() {
    }

    /** One INSERT statement of {@code rows} records, in the order they are bound with {@link #bind(Connection, PreparedStatement, AuditRecord, int)}. */
    static String insertRows(int rows) {
        return "INSERT INTO audit_record (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, VALUES));
    }

    public static void bind(Connection c, PreparedStatement ps, AuditRecord r) throws SQLException {
        bind(c, ps, r, 0);
    }

    /** Binds {@code r} as row {@code row} (from 0) of a statement from {@link #insertRows}. */
    static void bind(Connection c, PreparedStatement ps, AuditRecord r, int row) throws SQLException {
        AuditEvent e = r.event();
        Actor a = e.actor();
        int o = row * PARAMETERS;
        ps.setLong(o + 1, r.sequence());
        ps.setObject(o + 2, OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC));
        ps.setShort(o + 3, (short) r.encodingVersion());
        ps.setString(o + 4, e.eventType());
        ps.setString(o + 5, a.user());
        ps.setArray(o + 6, c.createArrayOf("text", a.groups().toArray()));
        ps.setString(o + 7, a.sourceIp());
        ps.setString(o + 8, a.userAgent());
        ps.setString(o + 9, e.cluster());
        ps.setString(o + 10, e.namespace());
        ps.setString(o + 11, e.sessionRef());
        ps.setString(o + 12, e.commandRef());
        ps.setString(o + 13, e.requestText());
        ps.setString(o + 14, e.command());
        ps.setString(o + 15, e.kubectl());
        ps.setString(o + 16, e.riskLevel());
        ps.setString(o + 17, e.decision());
        ps.setString(o + 18, e.reason());
        ps.setString(o + 19, e.outcome());
        ps.setBytes(o + 20, r.resultDigest());
        ps.setString(o + 21, e.result());
        ps.setBytes(o + 22, r.previousHash());
        ps.setBytes(o + 23, r.hash());
    }

    public static AuditRecord read(ResultSet rs) throws SQLException {
        Array groupsArray = rs.getArray(6);
        List<String> groups = Arrays.asList((String[]) groupsArray.getArray());
        Actor actor = new Actor(rs.getString(5), groups, rs.getString(7), rs.getString(8));
        AuditEvent event = new AuditEvent(rs.getString(4), actor, rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(21));
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getShort(3),
                event, rs.getBytes(20), rs.getBytes(22), rs.getBytes(23));
    }

    /** Asks for binary results: decoding bytea and timestamps from text costs more than the hashing does. */
    static void binary(PreparedStatement ps) throws SQLException {
        // pgjdbc: a negative threshold prepares on the server at once and forces binary transfer.
        ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
    }

    /**
     * Streams the records with {@code first <= seq <= last} in sequence order through a server-side cursor
     * until {@code consumer} returns false. Runs in its own read-only transaction on {@code c}.
     */
    public static void stream(Connection c, long first, long last, Predicate<AuditRecord> consumer)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_record WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
            binary(ps);
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && consumer.test(read(rs))) {
                    // the consumer does the work
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }
}
