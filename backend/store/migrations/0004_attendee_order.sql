-- The dashboard lists a codelab's attendees oldest first; this index
-- serves that order without sorting.
CREATE INDEX attendees_codelab_order ON attendees (codelab_id, created_at, id);
