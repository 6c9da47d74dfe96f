package api_test

import (
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

func TestDMOnlyReachesTarget(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	tb, idb := e.register("Ben")
	tc, idc := e.register("Cat")
	admin := e.adminWS()
	a, b, c := e.attendeeWS(ta, 0), e.attendeeWS(tb, 0), e.attendeeWS(tc, 0)

	a.send(map[string]any{"type": "dm", "cid": "d1", "to": idb, "text": "psst"})
	a.waitFor("ack", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "d1" })
	for name, w := range map[string]*wsClient{"Ben": b, "admin": admin} {
		m := w.nextNot("presence")
		if m["type"] != "dm" || m["text"] != "psst" || m["to"].(map[string]any)["id"] != idb {
			t.Errorf("%s: got %v, want the dm to Ben", name, m)
		}
	}
	a.send(map[string]any{"type": "dm", "cid": "d2", "to": "admin", "text": "help me"})
	if m := admin.nextNot("presence"); m["type"] != "dm" || m["to"].(map[string]any)["id"] != "admin" {
		t.Errorf("admin: got %v, want the dm to admin", m)
	}
	admin.send(map[string]any{"type": "dm", "cid": "d3", "to": idc, "text": "hi Cat"})
	if m := c.nextNot("presence"); m["type"] != "dm" || m["text"] != "hi Cat" {
		t.Errorf("Cat: got %v, want the facilitator's dm", m)
	}
	// Sentinel: a room chat; Cat's and Ben's next frames must be it, not a dm.
	a.chat("room", "everyone")
	for name, w := range map[string]*wsClient{"Ben": b, "Cat": c} {
		if m := w.nextNot("presence", "ack"); m["type"] != "chat" {
			t.Errorf("%s: got %v, want the room chat (no stray dm)", name, m)
		}
	}
	// Replay respects visibility too: Cat sees the facilitator's dm and the chat only.
	evs, err := e.st.Events(t.Context(), e.codelab, storeViewer(idc), 0, 100)
	if err != nil || len(evs) != 2 {
		t.Errorf("Cat's replay: got %d events (%v), want 2", len(evs), err)
	}
}

func TestHelpAnnouncementsAndHistory(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, ida := e.register("Ann")
	tb, _ := e.register("Ben")
	admin := e.adminWS()
	a, b := e.attendeeWS(ta, 0), e.attendeeWS(tb, 0)

	a.send(map[string]any{"type": "progress", "cid": "p1", "step": 2})
	if m := admin.nextNot("presence"); m["type"] != "progress" || m["current_step"] != 2.0 {
		t.Errorf("admin progress: got %v, want Ann at step 2", m)
	}
	a.send(map[string]any{"type": "help", "cid": "h1"})
	m := admin.nextNot("presence")
	req, _ := m["request"].(map[string]any)
	if m["type"] != "help" || req["step"] != 2.0 || req["position"] != 1.0 {
		t.Fatalf("admin help: got %v, want Ann's request at step 2, position 1", m)
	}
	b.send(map[string]any{"type": "help", "cid": "h2"})
	if m := admin.nextNot("presence"); m["request"].(map[string]any)["position"] != 2.0 {
		t.Errorf("second help: got %v, want position 2", m)
	}
	b.waitType("ack")
	status, out := e.do("GET", "/api/admin/codelabs/"+e.codelab+"/help", liveAdminToken, nil)
	var queue []map[string]any
	jsonUnmarshal(mustJSON(out["list"]), &queue)
	if status != 200 || len(queue) != 2 || queue[1]["position"] != 2.0 {
		t.Errorf("help list: got %d %v, want two requests, Ben second", status, out)
	}
	status, out = e.do("POST", "/api/admin/codelabs/"+e.codelab+"/help/"+req["id"].(string)+"/resolve", liveAdminToken, nil)
	if status != 200 {
		t.Fatalf("resolve: got %d %v, want 200", status, out)
	}
	if m := a.waitType("help_resolved"); m["request_id"] != req["id"] {
		t.Errorf("Ann: got %v, want help_resolved for her request", m)
	}
	if m := b.waitType("help_position"); m["position"] != 1.0 {
		t.Errorf("Ben: got %v, want help_position 1", m)
	}
	_, out = e.do("GET", "/api/me/help", tb, nil)
	if r, _ := out["request"].(map[string]any); r == nil || r["position"] != 1.0 {
		t.Errorf("me/help: got %v, want Ben's request at position 1", out)
	}

	status, out = e.do("POST", "/api/admin/codelabs/"+e.codelab+"/announcements", liveAdminToken, map[string]string{"text": "Break!"})
	if status != 201 {
		t.Fatalf("announce: got %d %v, want 201", status, out)
	}
	for name, w := range map[string]*wsClient{"Ann": a, "Ben": b} {
		if m := w.waitType("announcement"); m["text"] != "Break!" {
			t.Errorf("%s: got %v, want the announcement", name, m)
		}
	}
	if status, _ := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/announcements", "", map[string]string{"text": "x"}); status != 401 {
		t.Errorf("announce without token: got %d, want 401", status)
	}
	a.chat("c1", "hello")
	status, out = e.do("GET", "/api/admin/codelabs/"+e.codelab+"/messages?since=0", liveAdminToken, nil)
	msgs, _ := out["messages"].([]any)
	if status != 200 || len(msgs) != 2 || msgs[0].(map[string]any)["type"] != "announcement" {
		t.Errorf("messages: got %d %v, want the announcement and the chat", status, out)
	}
	status, out = e.do("GET", "/api/admin/codelabs/"+e.codelab+"/attendees", liveAdminToken, nil)
	list := out["list"]
	var people []map[string]any
	jsonUnmarshal(mustJSON(list), &people)
	if status != 200 || len(people) != 2 || people[0]["id"] != ida || people[0]["current_step"] != 2.0 ||
		people[0]["online"] != true {
		t.Errorf("attendees: got %d %v, want Ann first, at step 2, online", status, people)
	}
}
