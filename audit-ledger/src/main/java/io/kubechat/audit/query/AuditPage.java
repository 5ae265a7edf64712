package io.kubechat.audit.query;

import io.kubechat.audit.AuditRecord;

import java.util.List;

/** One page of records, newest first; {@code nextBefore} is null on the last page. */
public record AuditPage(List<AuditRecord> records, Long nextBefore) {

    public AuditPage {
        records = List.copyOf(records);
    }
}
