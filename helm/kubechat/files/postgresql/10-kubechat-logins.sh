#!/bin/sh
# Runs once, when the official postgres image initialises an empty data directory (docker-entrypoint-initdb.d),
# as POSTGRES_USER, the superuser that owns and migrates the audit ledger. It creates the runtime logins of the
# operator and the gateway: not superusers, owning nothing of the ledger, holding only kubechat_audit_writer
# (read, and append through the chain's checks). Their own, non-evidence tables (chat history, web accounts) they
# may create and share. The ledger's migrations (run by the operator as the owner) grant the writer role its rights.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v operator_password="$KUBECHAT_OPERATOR_PASSWORD" -v gateway_password="$KUBECHAT_GATEWAY_PASSWORD" <<'SQL'
CREATE ROLE kubechat_audit_writer NOLOGIN;
CREATE ROLE kubechat_audit_custodian NOLOGIN;
CREATE ROLE kubechat_operator LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'operator_password' IN ROLE kubechat_audit_writer;
CREATE ROLE kubechat_gateway LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'gateway_password' IN ROLE kubechat_audit_writer;
GRANT CREATE ON SCHEMA public TO kubechat_operator, kubechat_gateway;
CREATE SCHEMA gateway AUTHORIZATION kubechat_gateway;
-- Chat history is written by the operator and read by the gateway, whichever of them creates its tables first.
ALTER DEFAULT PRIVILEGES FOR ROLE kubechat_operator IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kubechat_gateway;
ALTER DEFAULT PRIVILEGES FOR ROLE kubechat_gateway IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kubechat_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE kubechat_operator IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO kubechat_gateway;
ALTER DEFAULT PRIVILEGES FOR ROLE kubechat_gateway IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO kubechat_operator;
SQL
