-- Down script for V2: back to schema version 1 (records can no longer be archived).
DROP TRIGGER audit_record_append_only ON audit_record;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
DROP FUNCTION IF EXISTS audit_record_guard();
DROP FUNCTION IF EXISTS audit_purge_archived(bigint, bigint);
DROP TABLE IF EXISTS audit_legal_hold;
DROP TABLE IF EXISTS audit_archive_segment;
