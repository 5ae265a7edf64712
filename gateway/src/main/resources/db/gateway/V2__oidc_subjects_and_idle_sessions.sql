-- OIDC accounts are the issuer's subject, not the preferred_username the IdP lets people choose. A user name once
-- given to a subject stays with it: the row outlives the account (no foreign key), so deleting an account never
-- frees its name, and with it its Kubernetes identity, sessions and approvals, for another subject.
CREATE TABLE gateway_oidc_subject (
    issuer     text NOT NULL,
    subject    text NOT NULL,
    username   text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);

-- Sessions also end after a while without use.
ALTER TABLE gateway_session ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
