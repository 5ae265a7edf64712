-- Chat history, schema version 1: the messages of ChatSessions. The operator writes one user message
-- (the request) and one assistant message (the outcome) per CommandExecution; the unique key makes
-- re-reconciles and several replicas write each at most once.
CREATE TABLE chat_message (
    id           bigserial   PRIMARY KEY,
    namespace    text        NOT NULL,
    session      text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('user', 'assistant')),
    text         text        NOT NULL,
    command_name text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX chat_message_per_command ON chat_message (namespace, session, command_name, role)
    WHERE command_name IS NOT NULL;
CREATE INDEX chat_message_by_session ON chat_message (namespace, session, id);
