-- Down script for V1. Destroys the ledger: run only on a database whose records are archived elsewhere.
-- The role ${appRole} is left in place: roles are cluster-wide and may serve other databases.
DROP TABLE IF EXISTS audit_checkpoint;
DROP TABLE IF EXISTS audit_record;
DROP TABLE IF EXISTS audit_chain_head;
DROP FUNCTION IF EXISTS audit_refuse_change();
DROP FUNCTION IF EXISTS audit_extend_head();
REVOKE USAGE ON SCHEMA ${flyway:defaultSchema} FROM ${appRole};
