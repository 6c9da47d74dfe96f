-- Inline comments (docs/api.md, "Inline comments"): threads anchored to a
-- quote of a step's rendered text (W3C Web Annotation TextQuoteSelector:
-- exact, prefix, suffix), their messages, and each codelab's sharing mode.
-- step is the attendee-facing step number (hidden steps not counted), as in
-- progress and help. author_id is not a foreign key: a thread outlives its
-- author (a removal, a new session) and stays for the facilitator; the
-- attendees table tells whether the author is still in the room.
CREATE TABLE comment_threads (
    id          TEXT PRIMARY KEY,
    codelab_id  TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    step        INTEGER NOT NULL,
    author_id   TEXT NOT NULL,
    author_name TEXT NOT NULL,
    exact       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_at  TEXT NOT NULL,
    resolved_at TEXT
);
CREATE INDEX comment_threads_codelab ON comment_threads (codelab_id, step);
CREATE INDEX comment_threads_author ON comment_threads (author_id);

-- author_id is 'admin' (the facilitator) or an attendee id.
CREATE TABLE comment_messages (
    id          TEXT PRIMARY KEY,
    thread_id   TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    author_id   TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX comment_messages_thread ON comment_messages (thread_id, created_at);

-- sharing: 'private' (author and facilitator), 'read' (every attendee sees
-- threads; author and facilitator reply), 'reply' (every attendee replies).
-- No row means 'private'.
CREATE TABLE comment_settings (
    codelab_id TEXT PRIMARY KEY REFERENCES codelabs (id) ON DELETE CASCADE,
    sharing    TEXT NOT NULL CHECK (sharing IN ('private', 'read', 'reply'))
);
