package model

import (
	"encoding/json"
	"time"
)

// AuditEntry is one row of the audit log. Detail is a small JSON object of
// facts (never chat or other free text an attendee wrote).
type AuditEntry struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	ActorKind  string          `json:"actor_kind"`
	ActorID    string          `json:"actor_id"`
	ActorName  string          `json:"actor_name"`
	Action     string          `json:"action"`
	CodelabID  string          `json:"codelab_id"`
	TargetKind string          `json:"target_kind"`
	TargetID   string          `json:"target_id"`
	Detail     json.RawMessage `json:"detail"`
}
