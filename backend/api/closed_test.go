package api_test

import (
	"net/http"
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

// TestCodelabClosedLive: hiding or deleting a codelab tells the attendees
// already in it at once (issue #9: they kept reading until a reload).
func TestCodelabClosedLive(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	token, _ := e.register("Ann")
	ann := e.attendeeWS(token, 0)
	admin := e.adminWS()

	// An edit that keeps it public is not a close.
	if status, m := e.do("PATCH", "/api/admin/codelabs/"+e.codelab, liveAdminToken, map[string]any{"title": "Renamed"}); status != http.StatusOK {
		t.Fatalf("rename: got %d %v, want 200", status, m)
	}
	noCloseBefore(ann, "c1")

	if status, m := e.do("PATCH", "/api/admin/codelabs/"+e.codelab, liveAdminToken, map[string]any{"is_public": false}); status != http.StatusOK {
		t.Fatalf("hide: got %d %v, want 200", status, m)
	}
	f := ann.waitType("codelab_closed")
	if f["codelab_id"] != e.codelab || f["reason"] != "hidden" || f["seq"] != nil {
		t.Fatalf("got %v, want codelab_closed for %s, reason hidden, no seq", f, e.codelab)
	}
	admin.waitType("codelab_closed")

	// Hiding an already hidden codelab says nothing new.
	e.do("PATCH", "/api/admin/codelabs/"+e.codelab, liveAdminToken, map[string]any{"is_public": false})
	noCloseBefore(ann, "c2")

	// The page reloaded later gets the 404 (and shows the closed page).
	if status, m := e.do("GET", "/api/codelabs/"+e.codelab, "", nil); status != http.StatusNotFound {
		t.Fatalf("hidden codelab: got %d %v, want 404", status, m)
	}

	if status, _ := e.do("DELETE", "/api/admin/codelabs/"+e.codelab, liveAdminToken, nil); status != http.StatusNoContent {
		t.Fatalf("delete: got %d, want 204", status)
	}
	if f := ann.waitType("codelab_closed"); f["reason"] != "deleted" {
		t.Fatalf("got %v, want codelab_closed reason deleted", f)
	}
}

// noCloseBefore sends a chat and fails if a codelab_closed arrives before its ack.
func noCloseBefore(w *wsClient, cid string) {
	w.t.Helper()
	w.send(map[string]any{"type": "chat", "cid": cid, "text": "still here"})
	f := w.waitFor("ack or close", func(m map[string]any) bool {
		return m["type"] == "codelab_closed" || m["type"] == "ack" && m["cid"] == cid
	})
	if f["type"] == "codelab_closed" {
		w.t.Fatalf("got %v, want no codelab_closed", f)
	}
}
