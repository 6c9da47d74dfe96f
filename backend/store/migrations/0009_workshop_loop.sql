-- Workshop loop: quiz, attempts, feedback, submissions, certificates and
-- their signing key, raffle draws, and per-codelab limits.
ALTER TABLE codelabs ADD COLUMN submission_max_file_bytes INTEGER NOT NULL DEFAULT 10485760;
ALTER TABLE codelabs ADD COLUMN submission_max_total_bytes INTEGER NOT NULL DEFAULT 31457280;
ALTER TABLE codelabs ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE quizzes (
    codelab_id   TEXT PRIMARY KEY REFERENCES codelabs (id) ON DELETE CASCADE,
    pass_percent INTEGER NOT NULL DEFAULT 80,
    retries      INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL
);

-- options, answers (indices) and accept are JSON arrays; step NULL = final quiz.
CREATE TABLE quiz_questions (
    id         TEXT PRIMARY KEY,
    codelab_id TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    prompt     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('single', 'multi', 'text')),
    options    TEXT NOT NULL DEFAULT '[]',
    answers    TEXT NOT NULL DEFAULT '[]',
    accept     TEXT NOT NULL DEFAULT '[]',
    step       INTEGER
);
CREATE INDEX quiz_questions_codelab ON quiz_questions (codelab_id, position);

-- answers and results are JSON as sent and as graded; step NULL = final quiz.
CREATE TABLE quiz_attempts (
    id            TEXT PRIMARY KEY,
    codelab_id    TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    attendee_id   TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    step          INTEGER,
    score_percent INTEGER NOT NULL,
    passed        INTEGER NOT NULL,
    answers       TEXT NOT NULL,
    results       TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX quiz_attempts_attendee ON quiz_attempts (attendee_id, created_at);
CREATE INDEX quiz_attempts_codelab ON quiz_attempts (codelab_id);

CREATE TABLE feedback (
    attendee_id  TEXT PRIMARY KEY REFERENCES attendees (id) ON DELETE CASCADE,
    codelab_id   TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    difficulty   INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX feedback_codelab ON feedback (codelab_id);

-- kind 'file' uses file_name (a random bare name under uploads/submissions/).
CREATE TABLE submissions (
    id            TEXT PRIMARY KEY,
    codelab_id    TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    attendee_id   TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('file', 'link')),
    title         TEXT NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    file_name     TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    content_type  TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX submissions_attendee ON submissions (attendee_id, created_at);
CREATE INDEX submissions_codelab ON submissions (codelab_id);

-- payload is the exact signed JSON; signature is base64url. attendee_id is
-- not a foreign key: an issued certificate outlives its attendee row (a
-- removal, or a new session that archives the room) and keeps its page.
CREATE TABLE certificates (
    id           TEXT PRIMARY KEY,
    codelab_id   TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    attendee_id  TEXT NOT NULL UNIQUE,
    payload      TEXT NOT NULL,
    signature    TEXT NOT NULL,
    completed_at TEXT NOT NULL
);
CREATE INDEX certificates_codelab ON certificates (codelab_id);

-- The facilitator's Ed25519 key pair (one row); seed is the 32-byte private seed.
CREATE TABLE certificate_keys (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seed       BLOB NOT NULL,
    public_key BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- attendee_name is kept so a draw reads the same after the attendee is removed.
CREATE TABLE raffle_draws (
    id               TEXT PRIMARY KEY,
    codelab_id       TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    attendee_id      TEXT NOT NULL,
    attendee_name    TEXT NOT NULL,
    among            TEXT NOT NULL,
    exclude_previous INTEGER NOT NULL,
    eligible         INTEGER NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX raffle_draws_codelab ON raffle_draws (codelab_id, created_at);
