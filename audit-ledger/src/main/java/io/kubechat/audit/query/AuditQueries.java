package io.kubechat.audit.query;

import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.RecordRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Turns an {@link AuditQuery} into one indexed SQL statement. */
public final class AuditQueries {

    /** The same expressions as the migration that built audit_search (V4). */
    private static final String INDEX_NEW_RECORDS = "INSERT INTO audit_search (seq, tags, document)"
            + " SELECT seq, ARRAY['actor=' || actor_user, 'type=' || event_type, 'cluster=' || cluster,"
            + " 'namespace=' || namespace, 'risk=' || risk_level, 'outcome=' || outcome],"
            + " to_tsvector('simple', coalesce(request_text, '') || ' ' || coalesce(kubectl, '')"
            + " || ' ' || coalesce(reason, '')) FROM audit_record"
            + " WHERE seq > (SELECT coalesce(max(seq), 0) FROM audit_search) ORDER BY seq"
            + " ON CONFLICT (seq) DO NOTHING";

    private AuditQueries() {
    }

    /**
     * Adds records appended since the last run to the search index (tags and free text), in one statement.
     * Sequence numbers commit in order (a record is accepted only once its predecessor is visible), so "after
     * the highest indexed" misses nothing.
     */
    public static int indexNewRecords(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INDEX_NEW_RECORDS)) {
            return ps.executeUpdate();
        }
    }

    public static AuditPage page(Connection c, AuditQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(RecordRows.COLUMNS).append(" FROM audit_record WHERE true");
        List<Object> params = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND seq >= ?");
            params.add(firstAtOrAfter(c, q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND seq < ?");
            params.add(firstAtOrAfter(c, q.to()));
        }
        List<String> tags = new ArrayList<>();
        tag(tags, "actor", q.actor());
        tag(tags, "type", q.eventType());
        tag(tags, "cluster", q.cluster());
        tag(tags, "namespace", q.namespace());
        tag(tags, "risk", q.riskLevel());
        tag(tags, "outcome", q.outcome());
        boolean text = q.text() != null && !q.text().isBlank();
        if (!tags.isEmpty() || text) {
            // The index is filled behind the appends; catching up first keeps the answer complete.
            indexNewRecords(c);
            sql.append(" AND seq IN (SELECT seq FROM audit_search WHERE true");
            if (!tags.isEmpty()) {
                sql.append(" AND tags @> ?");
                params.add(c.createArrayOf("text", tags.toArray()));
            }
            if (text) {
                sql.append(" AND document @@ plainto_tsquery('simple', ?)");
                params.add(q.text());
            }
            sql.append(")");
        }
        if (q.beforeSequence() != null) {
            sql.append(" AND seq < ?");
            params.add(q.beforeSequence());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(q.limit() + 1);

        List<AuditRecord> records = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(RecordRows.read(rs));
                }
            }
        }
        if (records.size() <= q.limit()) {
            return new AuditPage(records, null);
        }
        List<AuditRecord> page = records.subList(0, q.limit());
        return new AuditPage(page, page.get(page.size() - 1).sequence());
    }

    /**
     * The first sequence number stamped at or after {@code time}, by bisection over the primary key: times
     * never decrease along the chain (the link trigger enforces it), so about 20 point reads cover a million
     * records and the page query then walks one key range.
     */
    static long firstAtOrAfter(Connection c, Instant time) throws SQLException {
        long low;
        long high;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(min(seq), 1), coalesce(max(seq), 0) + 1 FROM audit_record");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            low = rs.getLong(1);
            high = rs.getLong(2);
        }
        OffsetDateTime target = OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("SELECT recorded_at >= ? FROM audit_record WHERE seq = ?")) {
            ps.setObject(1, target);
            while (low < high) {
                long mid = (low + high) >>> 1;
                ps.setLong(2, mid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("record " + mid + " is missing; verify the ledger");
                    }
                    if (rs.getBoolean(1)) {
                        high = mid;
                    } else {
                        low = mid + 1;
                    }
                }
            }
        }
        return low;
    }

    private static void tag(List<String> tags, String name, String value) {
        if (value != null) {
            tags.add(name + "=" + value);
        }
    }
}
