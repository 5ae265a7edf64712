-- Audit ledger, schema version 4: an append costs about what a plain insert does (issue 3's benchmark goal),
-- with the same guarantees for the chain. (The head row also caught a tail cut by a superuser who forgot to
-- rewind it; signed checkpoints catch tail cuts whether or not anything is rewound.)
--
-- 1. The chain is enforced against the record before the new one, not against a one-row head. Moving the head
--    was an UPDATE, a dead tuple and its WAL on every append; checking the predecessor is one primary-key read.
--    Writers stay serialised across processes: a record is accepted only if its predecessor is already
--    visible (committed, or earlier in the same transaction) and links to it, and the primary key lets only one
--    record have each number, so concurrent writers of the same number lose with 23505 and retry, and the
--    committed records always form one gap-free chain committed in sequence order.
-- 2. The tag index leaves the append path: tags are indexed in bulk with the free text in audit_search.

DROP TRIGGER audit_record_extend_head ON audit_record;
DROP FUNCTION audit_extend_head();
DROP TABLE audit_chain_head;

-- Invoker's rights and qualified names: the application role may read both tables, and nothing it creates
-- (a temporary table of the same name) can stand in for them.
CREATE FUNCTION audit_check_link() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    link bytea;
    not_before timestamptz;
BEGIN
    IF NEW.seq > 1 THEN
        SELECT hash, recorded_at INTO link, not_before FROM ${flyway:defaultSchema}.audit_record
         WHERE seq = NEW.seq - 1;
    END IF;
    IF link IS NULL THEN
        -- The genesis, or a predecessor rolled into an archive segment. Numbers already archived are gone from
        -- the table but not free again.
        not_before := '-infinity';
        IF EXISTS (SELECT FROM ${flyway:defaultSchema}.audit_archive_segment WHERE last_seq >= NEW.seq) THEN
            RAISE EXCEPTION 'audit record % does not extend the chain (the number is archived)', NEW.seq
                USING ERRCODE = '40001';
        ELSIF NEW.seq = 1 THEN
            link := '\x0000000000000000000000000000000000000000000000000000000000000000';
        ELSE
            SELECT last_hash INTO link FROM ${flyway:defaultSchema}.audit_archive_segment WHERE last_seq = NEW.seq - 1;
        END IF;
    END IF;
    IF link IS NULL OR NEW.prev_hash IS DISTINCT FROM link OR NEW.recorded_at < not_before THEN
        -- 40001 tells the writer another writer extended the chain first: re-read the last record and retry.
        RAISE EXCEPTION 'audit record % does not extend the chain (number, link or time)', NEW.seq
            USING ERRCODE = '40001';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_record_check_link BEFORE INSERT ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_check_link();

-- Derived data, rebuilt from the records: tags for the equality filters and the free-text document, both
-- indexed by GIN, filled in bulk behind the appends (AuditQueries.indexNewRecords, whose expressions these are).
DROP INDEX audit_record_tags_idx;
DROP TABLE audit_search;
CREATE TABLE audit_search (
    seq      bigint   PRIMARY KEY,
    tags     text[]   NOT NULL,
    document tsvector NOT NULL
);
INSERT INTO audit_search (seq, tags, document)
SELECT seq,
       ARRAY['actor=' || actor_user, 'type=' || event_type, 'cluster=' || cluster,
             'namespace=' || namespace, 'risk=' || risk_level, 'outcome=' || outcome],
       to_tsvector('simple', coalesce(request_text, '') || ' ' || coalesce(kubectl, '') || ' ' || coalesce(reason, ''))
  FROM audit_record;
CREATE INDEX audit_search_tags_idx ON audit_search USING gin (tags);
CREATE INDEX audit_search_document_idx ON audit_search USING gin (document);

REVOKE ALL ON audit_search FROM PUBLIC;
GRANT SELECT, INSERT ON audit_search TO ${appRole};
