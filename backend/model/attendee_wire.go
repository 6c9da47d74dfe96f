package model

// Registration is what a new attendee (or a new device) receives. Token is
// shown once; only its hash is stored.
type Registration struct {
	Attendee     Attendee `json:"attendee"`
	Token        string   `json:"token"`
	ContinueCode string   `json:"continue_code"`
}
