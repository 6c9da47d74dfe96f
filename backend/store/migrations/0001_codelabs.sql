-- Codelabs and their steps. Times are RFC 3339 UTC text; tags are a JSON array.
CREATE TABLE codelabs (
    id                 TEXT PRIMARY KEY,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    author             TEXT NOT NULL DEFAULT '',
    duration_minutes   INTEGER NOT NULL DEFAULT 0,
    tags               TEXT NOT NULL DEFAULT '[]',
    is_public          INTEGER NOT NULL DEFAULT 0,
    access_code        TEXT NOT NULL DEFAULT '',
    guide_markdown     TEXT NOT NULL DEFAULT '',
    quiz_enabled       INTEGER NOT NULL DEFAULT 0,
    require_quiz       INTEGER NOT NULL DEFAULT 0,
    require_feedback   INTEGER NOT NULL DEFAULT 0,
    require_submission INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX codelabs_created ON codelabs (created_at DESC);

CREATE TABLE steps (
    codelab_id       TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    title            TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 0,
    markdown         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (codelab_id, number)
);
