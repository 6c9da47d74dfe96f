package api

import "encoding/json"

// announceClosed tells everyone connected to a codelab, live, that the
// facilitator closed it: hidden ("hidden") or deleted ("deleted"). The frame
// is ephemeral (no seq, not replayed): a page opened later learns it from the
// 404 of GET /api/codelabs/{id} (docs/realtime.md, "codelab_closed").
func (a *API) announceClosed(codelabID, reason string) {
	if a.Hub == nil {
		return
	}
	frame, err := json.Marshal(map[string]string{"type": "codelab_closed", "codelab_id": codelabID, "reason": reason})
	if err != nil {
		return
	}
	a.Hub.Broadcast(codelabID, frame)
}
