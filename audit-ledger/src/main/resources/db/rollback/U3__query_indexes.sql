-- Down script for V3: back to schema version 2 (queries still work, by scanning).
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
    RETURN removed;
END $$;
DROP TABLE IF EXISTS audit_search;
DROP INDEX IF EXISTS audit_record_tags_idx;
