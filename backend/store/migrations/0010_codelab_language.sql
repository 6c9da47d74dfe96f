-- The workshop's default language for attendees (issue #11): a BCP 47 tag
-- the apps ship (en, ko, ja, zh-CN, zh-TW, es, fr, de, pt-BR, ar), or ''
-- for "follow each browser". An attendee's own pick still wins.
ALTER TABLE codelabs ADD COLUMN language TEXT NOT NULL DEFAULT '';
