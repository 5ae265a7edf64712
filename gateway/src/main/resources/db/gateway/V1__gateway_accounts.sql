-- Web accounts and their server-side sessions; every gateway replica reads the same rows.
CREATE TABLE gateway_user (
    username      text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,99}$'),
    display_name  text NOT NULL,
    -- BCrypt ($2y$) hash; NULL for accounts that only sign in through OIDC.
    password_hash text,
    roles         text[] NOT NULL,
    groups        text[] NOT NULL DEFAULT '{}',
    source        text NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'oidc')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The cookie carries a random id; only its SHA-256 is stored, so a copy of this table opens no session.
CREATE TABLE gateway_session (
    id_hash    bytea PRIMARY KEY,
    username   text NOT NULL REFERENCES gateway_user (username) ON DELETE CASCADE,
    -- Groups at sign-in: for OIDC users they come from the ID token of that sign-in.
    groups     text[] NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX gateway_session_expiry ON gateway_session (expires_at);
CREATE INDEX gateway_session_user ON gateway_session (username);
