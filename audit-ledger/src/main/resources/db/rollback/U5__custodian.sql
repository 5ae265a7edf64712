-- Down script for V5: back to schema version 4 (the runtime role archives, purges and releases holds itself).
DROP TRIGGER IF EXISTS audit_legal_hold_no_truncate ON audit_legal_hold;
DROP TRIGGER IF EXISTS audit_legal_hold_guard ON audit_legal_hold;
DROP FUNCTION IF EXISTS audit_hold_guard();
DROP FUNCTION IF EXISTS audit_release_hold(bigint, bigint);
ALTER TABLE audit_legal_hold DROP COLUMN IF EXISTS release_seq;
DROP FUNCTION IF EXISTS audit_purge_archived(bigint, bigint, bigint);

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
    DELETE FROM audit_search WHERE seq BETWEEN p_first AND p_last;
    RETURN removed;
END $$;

REVOKE ALL ON FUNCTION audit_purge_archived(bigint, bigint) FROM PUBLIC;
REVOKE ALL ON audit_record, audit_checkpoint, audit_archive_segment, audit_legal_hold FROM ${custodianRole};
REVOKE USAGE ON SCHEMA ${flyway:defaultSchema} FROM ${custodianRole};
GRANT INSERT ON audit_archive_segment TO ${appRole};
GRANT UPDATE (released_by, released_at) ON audit_legal_hold TO ${appRole};
GRANT EXECUTE ON FUNCTION audit_purge_archived(bigint, bigint) TO ${appRole};
