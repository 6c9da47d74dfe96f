-- Sessions of a codelab (docs/architecture.md, "Sessions"): the live tables
-- (attendees, events, help_requests) always hold the current session only.
-- Starting a new one writes the old session's attendees, help and messages
-- into archive (JSON) and empties the live tables, so no existing query
-- needs a session filter. ended_at IS NULL marks the current session; a
-- codelab that never started one has no row at all.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    codelab_id     TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    attendee_count INTEGER NOT NULL DEFAULT 0,
    chat_count     INTEGER NOT NULL DEFAULT 0,
    help_count     INTEGER NOT NULL DEFAULT 0,
    archive        TEXT
);
CREATE UNIQUE INDEX sessions_one_current ON sessions (codelab_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_codelab ON sessions (codelab_id, started_at);
