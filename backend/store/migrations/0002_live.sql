-- Live workshop: attendees and their tokens, the per-codelab event log that
-- the realtime hub replays, and the help queue.
CREATE TABLE attendees (
    id              TEXT PRIMARY KEY,
    codelab_id      TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL, -- lower case, spaces collapsed: "  ALICE " and "alice" clash
    continue_code   TEXT NOT NULL,
    current_step    INTEGER NOT NULL DEFAULT 1,
    completed_steps TEXT NOT NULL DEFAULT '[]',
    step_started_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (codelab_id, name_key),
    UNIQUE (codelab_id, continue_code)
);

-- Only the sha256 of a token is stored; one attendee may have several (devices).
CREATE TABLE attendee_tokens (
    token_hash  TEXT PRIMARY KEY,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);
CREATE INDEX attendee_tokens_attendee ON attendee_tokens (attendee_id);

-- visible_to NULL: everyone in the codelab; otherwise the actor, that id
-- (an attendee id or 'admin') and the facilitator.
CREATE TABLE events (
    codelab_id TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    cid        TEXT,
    visible_to TEXT,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (codelab_id, seq),
    UNIQUE (codelab_id, actor_id, cid)
);

CREATE TABLE help_requests (
    id          TEXT PRIMARY KEY,
    codelab_id  TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    step        INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT
);
CREATE UNIQUE INDEX help_requests_one_open ON help_requests (attendee_id) WHERE resolved_at IS NULL;
CREATE INDEX help_requests_open ON help_requests (codelab_id) WHERE resolved_at IS NULL;
