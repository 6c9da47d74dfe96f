package model

import "time"

// RoleHelper marks a Person who is a teaching assistant.
const RoleHelper = "helper"

// Helper is a teaching assistant the facilitator invited to one codelab.
// Their token is shown once, at creation; only its hash is stored.
type Helper struct {
	ID          string    `json:"id"`
	CodelabID   string    `json:"codelab_id"`
	Name        string    `json:"name"`
	CanAnnounce bool      `json:"can_announce"`
	CreatedAt   time.Time `json:"created_at"`
	Online      bool      `json:"online"`
}

// Person is the helper as an event's actor.
func (h Helper) Person() Person { return Person{ID: h.ID, Name: h.Name, Role: RoleHelper} }
