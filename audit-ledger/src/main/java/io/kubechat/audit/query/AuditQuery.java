package io.kubechat.audit.query;

import java.time.Instant;

/**
 * Filters for browsing the ledger, newest first. Null fields do not filter. {@code text} matches words in the
 * request text, the kubectl rendering and the reason. Paging is by keyset: pass the previous page's
 * {@link AuditPage#nextBefore()} as {@code beforeSequence}, which stays fast and stable while records arrive.
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record AuditQuery(Instant from, Instant to, String actor, String eventType, String cluster,
                         String namespace, String riskLevel, String outcome, String text, Long beforeSequence,
                         int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null, limit);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery actor(String actor) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery eventType(String eventType) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery cluster(String cluster) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery namespace(String namespace) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery riskLevel(String riskLevel) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery outcome(String outcome) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery text(String text) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }

    public AuditQuery before(Long beforeSequence) {
        return new AuditQuery(from, to, actor, eventType, cluster, namespace, riskLevel, outcome, text, beforeSequence, limit);
    }
}
