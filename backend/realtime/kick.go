package realtime

// Close codes the facilitator's actions end attendee connections with
// (docs/realtime.md, "Removal and sessions"). A client seeing one must not
// reconnect: its token no longer works.
const (
	CloseRemoved      = 4003 // the facilitator removed this attendee
	CloseSessionEnded = 4004 // the facilitator started a new session
)

// Kick closes the connections of codelabID whose identity match accepts,
// with code and reason in the close frame. Frames already queued are
// dropped: the connection ends at once.
func (h *Hub) Kick(codelabID string, match func(Identity) bool, code int, reason string) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	n := 0
	if r := h.rooms[codelabID]; r != nil {
		for c := range r.clients {
			if match(c.who) {
				c.kick(code, reason)
				n++
			}
		}
	}
	return n
}
