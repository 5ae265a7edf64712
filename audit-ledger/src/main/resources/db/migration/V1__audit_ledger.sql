-- Audit ledger, schema version 1: the record chain, its head, signed checkpoints, append-only enforcement.
-- Placeholders: ${appRole} (the NOLOGIN role granted to the application's login), ${flyway:defaultSchema}.

CREATE TABLE audit_record (
    seq              bigint      PRIMARY KEY CHECK (seq > 0),
    recorded_at      timestamptz NOT NULL,
    encoding_version smallint    NOT NULL,
    event_type       text        NOT NULL,
    actor_user       text,
    actor_groups     text[]      NOT NULL,
    source_ip        text,
    user_agent       text,
    cluster          text,
    namespace        text,
    session_ref      text,
    command_ref      text,
    request_text     text,
    -- JSON kept as text, not jsonb: jsonb re-orders keys and would change the hashed bytes.
    command          text,
    kubectl          text,
    risk_level       text,
    decision         text,
    reason           text,
    outcome          text,
    result_digest    bytea       NOT NULL CHECK (length(result_digest) = 32),
    result           text,
    prev_hash        bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash             bytea       NOT NULL CHECK (length(hash) = 32)
);

-- The last appended record. Every insert must extend it (trigger below), which serialises writers
-- on this one row and makes the sequence gap-free whatever the number of writers or replicas. Times never
-- go backwards along the chain, so a time range is a sequence range (AuditQueries finds it by bisection).
CREATE TABLE audit_chain_head (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    seq         bigint      NOT NULL,
    hash        bytea       NOT NULL,
    recorded_at timestamptz NOT NULL
);
INSERT INTO audit_chain_head (singleton, seq, hash, recorded_at)
VALUES (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000', '1970-01-01T00:00:00Z');

CREATE TABLE audit_checkpoint (
    tree_size  bigint      PRIMARY KEY CHECK (tree_size > 0),
    root_hash  bytea       NOT NULL CHECK (length(root_hash) = 32),
    created_at timestamptz NOT NULL,
    origin     text        NOT NULL,
    key_id     text        NOT NULL,
    signature  bytea       NOT NULL,
    -- Compact range (RFC 9162 perfect subtrees) of the tree, so the next checkpoint and retention
    -- continue from here instead of re-reading every leaf. Not trusted: checked against root_hash.
    frontier   bytea       NOT NULL
);

CREATE FUNCTION audit_extend_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash, recorded_at = NEW.recorded_at
     WHERE seq = NEW.seq - 1 AND hash = NEW.prev_hash AND recorded_at <= NEW.recorded_at;
    IF NOT FOUND THEN
        -- 40001 tells the writer another writer moved the head: re-read it and retry.
        RAISE EXCEPTION 'audit record % does not extend the chain head (number, link or time)', NEW.seq
            USING ERRCODE = '40001';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END $$;

CREATE TRIGGER audit_record_extend_head BEFORE INSERT ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_extend_head();
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
-- The head may only move through audit_extend_head (owner rights); the application cannot write it.
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE OR DELETE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} NOLOGIN;
    END IF;
END $$;

REVOKE ALL ON audit_record, audit_chain_head, audit_checkpoint FROM PUBLIC;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT, INSERT ON audit_record TO ${appRole};
GRANT SELECT ON audit_chain_head TO ${appRole};
GRANT SELECT, INSERT ON audit_checkpoint TO ${appRole};
