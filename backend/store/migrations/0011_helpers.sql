-- Teaching assistants (docs/api.md, "Helpers"): a helper is a person the
-- facilitator invited to one codelab with a revocable token (only its
-- sha256 is stored, as for attendees). Deleting the row revokes the token.
-- Helpers outlive sessions: they are staff, not attendees.
CREATE TABLE helpers (
    id           TEXT PRIMARY KEY,
    codelab_id   TEXT NOT NULL REFERENCES codelabs (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    can_announce INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    UNIQUE (codelab_id, name_key)
);

-- A claim says who is on the way to an open help request (a helper, or the
-- facilitator). claimed_name keeps the name shown even after the helper left.
ALTER TABLE help_requests ADD COLUMN claimed_by TEXT;
ALTER TABLE help_requests ADD COLUMN claimed_name TEXT;
ALTER TABLE help_requests ADD COLUMN claimed_at TEXT;
