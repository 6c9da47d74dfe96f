-- A per-codelab cap on registrations (docs/api.md, "Limits"): a classroom
-- network should not let one script register millions of attendees.
ALTER TABLE codelabs ADD COLUMN max_attendees INTEGER NOT NULL DEFAULT 2000;
