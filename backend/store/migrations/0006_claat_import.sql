-- What a claat or Google Docs import keeps beyond steps (issue #15).

-- Header fields with no column of their own ("feedback link", "status",
-- "categories", "environments", "analytics account"...), lower-case keys.
-- Export writes them back; the feedback link is shown to attendees.
CREATE TABLE codelab_meta (
    codelab_id TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (codelab_id, key)
);

-- Prepared polls from claat surveys and Google Docs survey tables, for a
-- later live-polls feature. options is a JSON array of strings; step is the
-- 1-based step that holds the poll when it was imported.
CREATE TABLE codelab_polls (
    id         TEXT PRIMARY KEY,
    codelab_id TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    question   TEXT NOT NULL,
    options    TEXT NOT NULL DEFAULT '[]',
    step       INTEGER NOT NULL,
    UNIQUE (codelab_id, position)
);

-- A hidden step is kept for the facilitator (greyed in the editor) but not
-- sent to attendees: claat steps of another environment than the one
-- imported. environments is claat's "Environment:" list, comma-separated.
ALTER TABLE steps ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE steps ADD COLUMN environments TEXT NOT NULL DEFAULT '';
