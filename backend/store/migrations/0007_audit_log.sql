-- The audit log (docs/api.md, "Audit log"): who did what, when, to which
-- codelab. No foreign keys on purpose: a row outlives the codelab or the
-- attendee it names. detail is a small JSON object, never chat text.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL, -- UTC, fixed width (store.auditTimeLayout), so text order is time order
    actor_kind  TEXT    NOT NULL CHECK (actor_kind IN ('facilitator', 'attendee', 'helper', 'system')),
    actor_id    TEXT    NOT NULL DEFAULT '',
    actor_name  TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL,
    codelab_id  TEXT    NOT NULL DEFAULT '',
    target_kind TEXT    NOT NULL DEFAULT '',
    target_id   TEXT    NOT NULL DEFAULT '',
    detail      TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_codelab ON audit_log (codelab_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- One row: how many days the log keeps (changed by PUT /api/admin/audit/settings).
CREATE TABLE audit_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    retention_days INTEGER NOT NULL CHECK (retention_days BETWEEN 1 AND 36500)
);
INSERT INTO audit_settings (id, retention_days) VALUES (1, 180);
