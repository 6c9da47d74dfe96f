package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
)

// TestSocketsPerAttendee: an attendee token opens at most 5 sockets (the
// 6th gets 429 too_many_sockets as JSON, before the upgrade), and its
// sockets share one rate budget.
func TestSocketsPerAttendee(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{Rate: 1e6, Burst: 1e6, AttendeeRate: 0.0001, AttendeeBurst: 10}, nil)
	ta, ida := e.register("Ann")
	tb, _ := e.register("Ben")
	var socks []*wsClient
	for range 5 {
		socks = append(socks, e.attendeeWS(ta, 0))
	}
	_, res, err := websocket.DefaultDialer.Dial(e.wsURL("/ws?token="+ta), nil)
	if err == nil || res == nil || res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th socket: got err %v, response %v, want a 429 refusal", err, res)
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if body.Error.Code != "too_many_sockets" || body.Error.Message == "" {
		t.Errorf("6th socket: got %+v, want error code too_many_sockets with a message", body)
	}
	e.attendeeWS(tb, 0) // the cap is per attendee

	// One socket closes: its slot is free again.
	socks[4].c.Close()
	for id := <-e.left; id.ID != ida; id = <-e.left {
	}
	socks[4] = e.attendeeWS(ta, 0)

	// 5 sockets × 4 chats = 20 messages against a shared budget of 10.
	for i, s := range socks {
		for j := range 4 {
			s.send(map[string]any{"type": "chat", "cid": fmt.Sprintf("s%d-%d", i, j), "text": "spam"})
		}
	}
	acked, limited := 0, 0
	for _, s := range socks {
		for n := 0; n < 4; {
			m := s.next()
			switch {
			case m["type"] == "ack":
				acked++
			case m["type"] == "error" && m["code"] == "rate_limited":
				limited++
			default:
				continue
			}
			n++
		}
	}
	if acked != 10 || limited != 10 {
		t.Errorf("20 chats over 5 sockets: got %d acked and %d rate_limited, want 10 and 10", acked, limited)
	}
	var rows int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM events WHERE actor_id = ?`, ida).Scan(&rows)
	if rows != 10 {
		t.Errorf("stored chats: got %d, want 10", rows)
	}
}

// TestSinceBeyondLastSeq: a since ahead of the log is clamped, never echoed.
func TestSinceBeyondLastSeq(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	tb, _ := e.register("Ben")
	a := e.attendeeWS(ta, 0)
	for i := range 3 {
		a.chat(fmt.Sprint("c", i), "x")
	}
	b := e.dialRaw("/ws?token=" + tb + "&since=999")
	ready := b.next()
	if ready["type"] != "ready" || seqOf(ready) != 3 {
		t.Fatalf("since=999 with 3 events: got first frame %v, want ready with seq 3 (nothing replayed, 999 not echoed)", ready)
	}
	seq := a.chat("c3", "after")
	if m := b.nextNot("presence"); m["type"] != "chat" || seqOf(m) != seq || seq != 4 {
		t.Errorf("after the clamp: got %v, want the live chat seq 4", m)
	}
	admin := e.dialRaw("/api/admin/ws?token=" + liveAdminToken + "&codelab=" + e.codelab + "&since=123456")
	if m := admin.next(); m["type"] != "ready" || seqOf(m) != 4 {
		t.Errorf("admin since=123456: got %v, want ready seq 4", m)
	}
	c := e.dialRaw("/ws?token=" + tb + "&since=2")
	for _, want := range []int64{3, 4} {
		if m := c.next(); seqOf(m) != want || m["type"] != "chat" {
			t.Errorf("since=2: got %v, want chat seq %d", m, want)
		}
	}
	if m := c.next(); m["type"] != "ready" || seqOf(m) != 4 {
		t.Errorf("since=2: got %v, want ready seq 4", m)
	}
}
