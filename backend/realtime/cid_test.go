package realtime_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
)

// chatLog persists chat messages in memory and publishes each to the hub,
// as the API's handler does through the event log's after-commit hook.
type chatLog struct {
	hub *realtime.Hub
	mu  sync.Mutex
	evs []realtime.Event
}

func (l *chatLog) Handle(_ context.Context, who realtime.Identity, msg realtime.Message) (int64, error) {
	var in struct{ Text string }
	json.Unmarshal(msg.Raw, &in)
	l.mu.Lock()
	seq := int64(len(l.evs) + 1)
	frame, _ := json.Marshal(map[string]any{"type": "chat", "seq": seq, "text": in.Text,
		"from": map[string]string{"id": who.ID, "name": who.Name}})
	ev := realtime.Event{CodelabID: who.CodelabID, Seq: seq, ActorID: who.ID, Frame: frame, CID: msg.CID}
	l.evs = append(l.evs, ev)
	l.mu.Unlock()
	l.hub.Publish(ev)
	return seq, nil
}

func (l *chatLog) Replay(_ context.Context, _ realtime.Identity, since int64, limit int) ([]realtime.Event, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []realtime.Event
	for _, e := range l.evs {
		if e.Seq > since && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

// TestSenderGetsItsCid: the chat event reaches its sender with the cid the
// message was sent with, live and replayed, on every connection of the
// sender (a cid is unique per sender); other attendees and the facilitator
// get the event as stored, without a cid.
func TestSenderGetsItsCid(t *testing.T) {
	hub := newTestHub(t)
	log := &chatLog{hub: hub}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		id := q.Get("id")
		var since int64
		fmt.Sscan(q.Get("since"), &since)
		hub.Serve(w, r, realtime.Identity{CodelabID: "c", ID: id, Name: id, Admin: id == "admin"}, since, log)
	}))
	defer srv.Close()
	dial := func(id string) *websocket.Conn {
		c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/?since=0&id="+id, nil)
		if err != nil {
			t.Fatalf("dial %s: %v", id, err)
		}
		t.Cleanup(func() { c.Close() })
		waitType(t, c, "ready")
		return c
	}
	ann, annTab, ben, admin := dial("ann"), dial("ann"), dial("ben"), dial("admin")

	// Two identical texts, sent back to back: each event names its own cid.
	for _, cid := range []string{"c-1", "c-2"} {
		if err := ann.WriteJSON(map[string]string{"type": "chat", "cid": cid, "text": "same"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"c-1", "c-2"} {
		f := waitType(t, ann, "chat")
		if f["cid"] != want || f["text"] != "same" {
			t.Fatalf("sender: got %v, want the chat event with cid %s", f, want)
		}
		if ack := waitType(t, ann, "ack"); ack["cid"] != want || ack["seq"] != f["seq"] {
			t.Fatalf("sender: got ack %v after event %v", ack, f)
		}
	}
	for _, want := range []string{"c-1", "c-2"} {
		if f := waitType(t, annTab, "chat"); f["cid"] != want {
			t.Errorf("sender's other tab: got %v, want cid %s", f, want)
		}
	}
	for name, c := range map[string]*websocket.Conn{"other attendee": ben, "facilitator": admin} {
		for range 2 {
			if f := waitType(t, c, "chat"); f["cid"] != nil || f["text"] != "same" {
				t.Errorf("%s: got %v, want the event without a cid", name, f)
			}
		}
	}

	// Replay follows the same rule (a reconnect matches what it missed).
	re, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/?since=0&id=ann", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	for _, want := range []string{"c-1", "c-2"} {
		if f := waitType(t, re, "chat"); f["cid"] != want {
			t.Errorf("sender's replay: got %v, want cid %s", f, want)
		}
	}
	other, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/?since=0&id=ben", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if f := waitType(t, other, "chat"); f["cid"] != nil {
		t.Errorf("other attendee's replay: got %v, want no cid", f)
	}
}

// TestFrameForKeepsTheJSONValid: the cid is escaped and the frame stays one object.
func TestFrameForKeepsTheJSONValid(t *testing.T) {
	me := realtime.Identity{ID: "ann"}
	for _, tc := range []struct{ frame, cid, want string }{
		{`{"type":"chat","seq":1}`, `c"1`, `{"cid":"c\"1","type":"chat","seq":1}`},
		{`{}`, "x", `{"cid":"x"}`},
		{`{"type":"chat"}`, "", `{"type":"chat"}`},
	} {
		got := string(realtime.Event{ActorID: "ann", Frame: []byte(tc.frame), CID: tc.cid}.FrameFor(me))
		if got != tc.want || !json.Valid([]byte(got)) {
			t.Errorf("FrameFor(%s, %q) = %s, want %s", tc.frame, tc.cid, got, tc.want)
		}
	}
	if got := string(realtime.Event{ActorID: "ann", Frame: []byte(`{"type":"chat"}`), CID: "x"}.FrameFor(realtime.Identity{ID: "ben"})); got != `{"type":"chat"}` {
		t.Errorf("FrameFor another identity = %s, want the frame unchanged", got)
	}
}
