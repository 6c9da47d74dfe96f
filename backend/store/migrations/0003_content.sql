-- Content: uploaded images and per-codelab materials. Files live under
-- <data dir>/uploads/ (images, flat, random names) and
-- <data dir>/uploads/materials/ (material files); these rows describe them.
CREATE TABLE uploads (
    name          TEXT PRIMARY KEY,            -- file name under uploads/, e.g. "k3...q.png"
    codelab_id    TEXT REFERENCES codelabs (id) ON DELETE SET NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX uploads_codelab ON uploads (codelab_id);

-- kind 'link' uses url; kind 'file' uses file_name (under uploads/materials/)
-- and original_name (the download name).
CREATE TABLE materials (
    id            TEXT PRIMARY KEY,
    codelab_id    TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('link', 'file')),
    title         TEXT NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    file_name     TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    content_type  TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX materials_codelab ON materials (codelab_id, position);
