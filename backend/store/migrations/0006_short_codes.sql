-- 0006: a short join code per codelab, for the typed URL /c/{code} on the
-- join screen (issue #9). Assigned on first use; NULL until then.
ALTER TABLE codelabs ADD COLUMN short_code TEXT;
CREATE UNIQUE INDEX codelabs_short_code ON codelabs(short_code) WHERE short_code IS NOT NULL;
