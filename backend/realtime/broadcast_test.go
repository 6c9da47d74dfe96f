package realtime_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
)

// newTestHub is a hub that accepts any origin and is closed when the test
// ends.
func newTestHub(t *testing.T) *realtime.Hub {
	t.Helper()
	hub := realtime.NewHub(realtime.Options{CheckOrigin: func(*http.Request) bool { return true }})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hub.Close(ctx)
	})
	return hub
}

type quiet struct{}

func (quiet) Handle(context.Context, realtime.Identity, realtime.Message) (int64, error) {
	return 0, nil
}
func (quiet) Replay(context.Context, realtime.Identity, int64, int) ([]realtime.Event, error) {
	return nil, nil
}

// TestBroadcastReachesTheWholeRoomOnly: an ephemeral frame such as
// codelab_closed goes to every connection of its codelab (attendees and
// facilitators), without a seq, and to no other codelab.
func TestBroadcastReachesTheWholeRoomOnly(t *testing.T) {
	hub := newTestHub(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		who := realtime.Identity{CodelabID: q.Get("codelab"), ID: q.Get("id"), Name: q.Get("id"), Admin: q.Get("id") == "admin"}
		hub.Serve(w, r, who, 0, quiet{})
	}))
	defer srv.Close()

	dial := func(codelab, id string) *websocket.Conn {
		c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/?codelab="+codelab+"&id="+id, nil)
		if err != nil {
			t.Fatalf("dial %s/%s: %v", codelab, id, err)
		}
		t.Cleanup(func() { c.Close() })
		waitType(t, c, "ready")
		return c
	}
	ann, admin, other := dial("a", "ann"), dial("a", "admin"), dial("b", "bob")

	hub.Broadcast("a", []byte(`{"type":"codelab_closed","codelab_id":"a","reason":"hidden"}`))
	for name, c := range map[string]*websocket.Conn{"attendee": ann, "facilitator": admin} {
		f := waitType(t, c, "codelab_closed")
		if f["reason"] != "hidden" || f["seq"] != nil {
			t.Errorf("%s: got %v, want the frame as sent, without seq", name, f)
		}
	}
	// The other room gets nothing: a frame sent to it afterwards comes first.
	hub.Broadcast("b", []byte(`{"type":"marker"}`))
	waitType(t, other, "marker")
}

// waitType reads frames, skipping presence and ready, and fails unless the next one has type typ.
func waitType(t *testing.T, c *websocket.Conn, typ string) map[string]any {
	t.Helper()
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, data, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		var m map[string]any
		json.Unmarshal(data, &m)
		if m["type"] == typ {
			return m
		}
		if m["type"] != "presence" && m["type"] != "ready" {
			t.Fatalf("got %v, want a %s frame", m, typ)
		}
	}
}
