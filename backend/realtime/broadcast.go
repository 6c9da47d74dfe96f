package realtime

// Broadcast delivers an ephemeral frame (no seq, not replayed) to every
// connection of a codelab, attendees and facilitators alike. It never blocks.
func (h *Hub) Broadcast(codelabID string, frame []byte) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if r := h.rooms[codelabID]; r != nil {
		f := frameOf(frame)
		for c := range r.clients {
			c.deliver(f)
		}
	}
}
