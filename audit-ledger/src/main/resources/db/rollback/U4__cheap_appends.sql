-- Down script for V4: back to schema version 3 (the chain head row, tags indexed on audit_record).
DROP TRIGGER audit_record_check_link ON audit_record;
DROP FUNCTION IF EXISTS audit_check_link();

CREATE TABLE audit_chain_head (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    seq         bigint      NOT NULL,
    hash        bytea       NOT NULL,
    recorded_at timestamptz NOT NULL
);
-- The head is the newest record, else the end of the newest archive segment, else the genesis.
INSERT INTO audit_chain_head (singleton, seq, hash, recorded_at)
SELECT true, seq, hash, recorded_at FROM (
    (SELECT 2 AS rank, seq, hash, recorded_at FROM audit_record ORDER BY seq DESC LIMIT 1)
    UNION ALL
    (SELECT 1, last_seq, last_hash, '1970-01-01T00:00:00Z' FROM audit_archive_segment ORDER BY last_seq DESC LIMIT 1)
    UNION ALL
    SELECT 0, 0, '\x0000000000000000000000000000000000000000000000000000000000000000', '1970-01-01T00:00:00Z'
) h ORDER BY rank DESC LIMIT 1;

CREATE FUNCTION audit_extend_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash, recorded_at = NEW.recorded_at
     WHERE seq = NEW.seq - 1 AND hash = NEW.prev_hash AND recorded_at <= NEW.recorded_at;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit record % does not extend the chain head (number, link or time)', NEW.seq
            USING ERRCODE = '40001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_record_extend_head BEFORE INSERT ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_extend_head();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE OR DELETE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE ALL ON audit_chain_head FROM PUBLIC;
GRANT SELECT ON audit_chain_head TO ${appRole};

DROP TABLE audit_search;
CREATE TABLE audit_search (
    seq      bigint   PRIMARY KEY,
    document tsvector NOT NULL
);
INSERT INTO audit_search (seq, document)
SELECT seq, to_tsvector('simple', coalesce(request_text, '') || ' ' || coalesce(kubectl, '') || ' ' || coalesce(reason, ''))
  FROM audit_record;
CREATE INDEX audit_search_document_idx ON audit_search USING gin (document);
REVOKE ALL ON audit_search FROM PUBLIC;
GRANT SELECT, INSERT ON audit_search TO ${appRole};

CREATE INDEX audit_record_tags_idx ON audit_record USING gin ((ARRAY[
    'actor=' || actor_user, 'type=' || event_type, 'cluster=' || cluster,
    'namespace=' || namespace, 'risk=' || risk_level, 'outcome=' || outcome]));
