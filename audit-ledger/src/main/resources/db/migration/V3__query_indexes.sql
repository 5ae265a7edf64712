-- Audit ledger, schema version 3: what makes filtered, paged queries fast over millions of records,
-- chosen to cost appends little: every index here is paid for on the append path.

-- Time ranges need no index: times are monotonic along the chain (V1), so they are sequence ranges.

-- Equality filters (actor, event type, cluster, namespace, risk, outcome), in any combination, through one
-- GIN index of "column=value" tags; its pending list makes an insert one cheap append instead of six B-tree
-- descents. The expression must stay identical to AuditQueries.TAGS.
CREATE INDEX audit_record_tags_idx ON audit_record USING gin ((ARRAY[
    'actor=' || actor_user, 'type=' || event_type, 'cluster=' || cluster,
    'namespace=' || namespace, 'risk=' || risk_level, 'outcome=' || outcome]));

-- Free text: words of the request, the kubectl rendering and the reason, indexed in bulk behind the appends
-- (by the ledger's background thread at an interval, and before every text query), not inside each append.
-- Derived data, not evidence: it may be rebuilt from audit_record at any time.
CREATE TABLE audit_search (
    seq      bigint   PRIMARY KEY,
    document tsvector NOT NULL
);
CREATE INDEX audit_search_document_idx ON audit_search USING gin (document);

INSERT INTO audit_search (seq, document)
SELECT seq, to_tsvector('simple', coalesce(request_text, '') || ' ' || coalesce(kubectl, '') || ' ' || coalesce(reason, ''))
  FROM audit_record;

-- Archived records leave the search index with the records.
CREATE OR REPLACE FUNCTION audit_purge_archived(p_first bigint, p_last bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    removed bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM audit_archive_segment WHERE first_seq = p_first AND last_seq = p_last) THEN
        RAISE EXCEPTION 'no archive segment % to %', p_first, p_last USING ERRCODE = '42501';
    END IF;
    DELETE FROM audit_record WHERE seq BETWEEN p_first AND p_last;
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM audit_search WHERE seq BETWEEN p_first AND p_last;
    RETURN removed;
END $$;

REVOKE ALL ON audit_search FROM PUBLIC;
GRANT SELECT, INSERT ON audit_search TO ${appRole};
