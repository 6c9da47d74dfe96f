package realtime

// IsConnected reports whether any connection of codelabID belongs to id
// (helpers are not attendees, so IsOnline never counts them).
func (h *Hub) IsConnected(codelabID, id string) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if r := h.rooms[codelabID]; r != nil {
		for c := range r.clients {
			if c.who.ID == id {
				return true
			}
		}
	}
	return false
}
