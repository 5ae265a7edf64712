-- Audit ledger, schema version 2: retention by signed archive segments, and legal holds.

CREATE TABLE audit_archive_segment (
    first_seq      bigint      PRIMARY KEY CHECK (first_seq > 0),
    last_seq       bigint      NOT NULL UNIQUE CHECK (last_seq >= first_seq),
    last_hash      bytea       NOT NULL CHECK (length(last_hash) = 32),
    root_hash      bytea       NOT NULL CHECK (length(root_hash) = 32),
    location       text        NOT NULL,
    file_digest    bytea       NOT NULL CHECK (length(file_digest) = 32),
    created_at     timestamptz NOT NULL,
    key_id         text        NOT NULL,
    signature      bytea       NOT NULL
);

CREATE TABLE audit_legal_hold (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_time   timestamptz NOT NULL,
    to_time     timestamptz NOT NULL CHECK (to_time > from_time),
    reason      text        NOT NULL,
    placed_by   text        NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT now(),
    released_by text,
    released_at timestamptz
);

-- Records leave the table only when a signed archive segment covers them and no active legal hold does.
CREATE FUNCTION audit_record_guard() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT FROM audit_archive_segment s WHERE OLD.seq BETWEEN s.first_seq AND s.last_seq)
           AND NOT EXISTS (SELECT FROM audit_legal_hold h
                            WHERE h.released_at IS NULL
                              AND OLD.recorded_at >= h.from_time AND OLD.recorded_at < h.to_time) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $$;

DROP TRIGGER audit_record_append_only ON audit_record;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_guard();

CREATE TRIGGER audit_archive_segment_append_only BEFORE UPDATE OR DELETE ON audit_archive_segment
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

-- The application role has no DELETE on audit_record; it purges an archived range only through this function.
CREATE FUNCTION audit_purge_archived(p_first bigint, p_last bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    removed bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM audit_archive_segment WHERE first_seq = p_first AND last_seq = p_last) THEN
        RAISE EXCEPTION 'no archive segment % to %', p_first, p_last USING ERRCODE = '42501';
    END IF;
    DELETE FROM audit_record WHERE seq BETWEEN p_first AND p_last;
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END $$;

REVOKE ALL ON audit_archive_segment, audit_legal_hold FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_purge_archived(bigint, bigint) FROM PUBLIC;
GRANT SELECT, INSERT ON audit_archive_segment TO ${appRole};
GRANT SELECT, INSERT ON audit_legal_hold TO ${appRole};
GRANT UPDATE (released_by, released_at) ON audit_legal_hold TO ${appRole};
GRANT EXECUTE ON FUNCTION audit_purge_archived(bigint, bigint) TO ${appRole};
