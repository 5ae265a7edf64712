package io.kubechat.audit.retention;

import java.time.Instant;

/** While active, no record stamped within [from, to) leaves the ledger, and retention stops before it. */
public record LegalHold(long id, Instant from, Instant to, String reason, String placedBy, Instant placedAt,
                        String releasedBy, Instant releasedAt) {

    public boolean active() {
        return releasedAt == null;
    }
}
