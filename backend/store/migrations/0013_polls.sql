-- Live polls (issue #12): a question the facilitator asks the room, typed on
-- the spot or started from one of the codelab's prepared polls
-- (codelab_polls, migration 6). options is a JSON array of 2-10 distinct
-- strings; prepared_id names the prepared poll it came from, if any (no
-- foreign key: editing the prepared list must not touch what was asked).
-- At most one poll of a codelab is open at a time (checked by the op).
CREATE TABLE polls (
    id            TEXT PRIMARY KEY,
    codelab_id    TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    prepared_id   TEXT,
    question      TEXT NOT NULL,
    options       TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    results_shown INTEGER NOT NULL DEFAULT 0,
    started_at    TEXT NOT NULL,
    closed_at     TEXT
);
CREATE INDEX polls_codelab ON polls (codelab_id, started_at);

-- One answer per attendee and poll (changed in place while the poll is
-- open); option is a 0-based index into the poll's options. Removing an
-- attendee removes their answers.
CREATE TABLE poll_answers (
    poll_id     TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    option      INTEGER NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, attendee_id)
);
