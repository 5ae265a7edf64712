-- Audit ledger, schema version 5: nothing the application's runtime role can do removes or launders history.
-- Before, the runtime role (${appRole}) could record an archive segment of its own making and purge the range it
-- named, and release any legal hold. Now:
-- 1. Archive segments, purges and hold releases belong to a separate role, ${custodianRole} (NOLOGIN, granted to
--    the login that runs retention, never to the operator's or the gateway's runtime login).
-- 2. A purge and a hold release each need their own ledger record first, named in the call: the database checks
--    the record exists, is of the right type and names that range or hold, so neither happens unrecorded.
-- 3. Holds can no longer be deleted, and a release is final.
-- (Archive segments are also verified by their Ed25519 signature in verify(), which catches what a superuser
-- inserts behind the database's back.)

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${custodianRole}') THEN
        CREATE ROLE ${custodianRole} NOLOGIN;
    END IF;
END $$;

REVOKE INSERT ON audit_archive_segment FROM ${appRole};
REVOKE UPDATE (released_by, released_at) ON audit_legal_hold FROM ${appRole};
REVOKE EXECUTE ON FUNCTION audit_purge_archived(bigint, bigint) FROM ${appRole};
DROP FUNCTION audit_purge_archived(bigint, bigint);

-- The record that says a range was archived: event_type 'audit_archived', command_ref 'archive/<first>-<last>'.
CREATE FUNCTION audit_purge_archived(p_first bigint, p_last bigint, p_record bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    removed bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM audit_archive_segment WHERE first_seq = p_first AND last_seq = p_last) THEN
        RAISE EXCEPTION 'no archive segment % to %', p_first, p_last USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT FROM audit_record WHERE seq = p_record AND seq > p_last AND event_type = 'audit_archived'
                      AND command_ref = 'archive/' || p_first || '-' || p_last) THEN
        RAISE EXCEPTION 'no audit_archived record % for records % to %', p_record, p_first, p_last
            USING ERRCODE = '42501';
    END IF;
    DELETE FROM audit_record WHERE seq BETWEEN p_first AND p_last;
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM audit_search WHERE seq BETWEEN p_first AND p_last;
    RETURN removed;
END $$;

ALTER TABLE audit_legal_hold ADD COLUMN release_seq bigint;

-- The record that says a hold was released: event_type 'legal_hold_released', command_ref 'legal-hold/<id>';
-- who released it and when are taken from that record, not from the caller.
CREATE FUNCTION audit_release_hold(p_id bigint, p_record bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    r audit_record%ROWTYPE;
BEGIN
    SELECT * INTO r FROM audit_record WHERE seq = p_record AND event_type = 'legal_hold_released'
                                         AND command_ref = 'legal-hold/' || p_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no legal_hold_released record % for hold %', p_record, p_id USING ERRCODE = '42501';
    END IF;
    UPDATE audit_legal_hold SET released_by = coalesce(r.actor_user, 'system'), released_at = r.recorded_at,
                                release_seq = p_record
     WHERE id = p_id AND released_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no active legal hold %', p_id USING ERRCODE = '42501';
    END IF;
END $$;

CREATE FUNCTION audit_hold_guard() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL AND NEW.release_seq IS NOT NULL
       AND (NEW.id, NEW.from_time, NEW.to_time, NEW.reason, NEW.placed_by, NEW.placed_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.from_time, OLD.to_time, OLD.reason, OLD.placed_by, OLD.placed_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_legal_hold: % refused (a hold is released only by audit_release_hold)', TG_OP
        USING ERRCODE = '42501';
END $$;

CREATE TRIGGER audit_legal_hold_guard BEFORE UPDATE OR DELETE ON audit_legal_hold
    FOR EACH ROW EXECUTE FUNCTION audit_hold_guard();
CREATE TRIGGER audit_legal_hold_no_truncate BEFORE TRUNCATE ON audit_legal_hold
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

REVOKE ALL ON FUNCTION audit_purge_archived(bigint, bigint, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_release_hold(bigint, bigint) FROM PUBLIC;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${custodianRole};
GRANT SELECT ON audit_record, audit_checkpoint, audit_archive_segment, audit_legal_hold TO ${custodianRole};
GRANT INSERT ON audit_archive_segment TO ${custodianRole};
GRANT EXECUTE ON FUNCTION audit_purge_archived(bigint, bigint, bigint) TO ${custodianRole};
GRANT EXECUTE ON FUNCTION audit_release_hold(bigint, bigint) TO ${custodianRole};
