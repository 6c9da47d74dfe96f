package api_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
)

// closed reads until the server closes the socket and returns its close frame.
func (w *wsClient) closed() *websocket.CloseError {
	w.t.Helper()
	for {
		var m map[string]any
		err := w.c.ReadJSON(&m)
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) {
			w.t.Fatalf("read: got %v, want a close frame", err)
		}
		return ce
	}
}

// refusedWS dials and returns the HTTP status of the refused handshake.
func (e *liveEnv) refusedWS(path string) int {
	e.t.Helper()
	c, res, err := websocket.DefaultDialer.Dial(e.wsURL(path), nil)
	if err == nil {
		c.Close()
		e.t.Fatalf("dial %s: got a connection, want a refusal", path)
	}
	if res == nil {
		e.t.Fatalf("dial %s: %v", path, err)
	}
	return res.StatusCode
}

func (e *liveEnv) body(path string) string {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+liveAdminToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	var raw json.RawMessage
	if err := json.NewDecoder(res.Body).Decode(&raw); err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	return string(raw)
}

func (w *wsClient) askHelp(cid string) {
	w.t.Helper()
	w.send(map[string]any{"type": "help", "cid": cid})
	w.waitFor("ack "+cid, func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == cid })
}

func TestRemoveAttendeeKeepsChatAsRemoved(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	lab := "/api/admin/codelabs/" + e.codelab
	aliceTok, alice := e.register("Alice Liddell")
	bobTok, _ := e.register("Bob")
	aws := e.attendeeWS(aliceTok, 0)
	bws := e.attendeeWS(bobTok, 0)
	aws.chat("a1", "hi there")
	aws.askHelp("a2")
	before := aws.chat("a3", "second line")

	if status, m := e.do("DELETE", lab+"/attendees/"+alice, liveAdminToken, nil); status != http.StatusNoContent {
		t.Fatalf("remove: got %d %v, want 204", status, m)
	}
	if got := e.body("/api/admin/audit?action=attendee.remove"); strings.Count(got, `"action":"attendee.remove"`) != 1 || !strings.Contains(got, `"target_id":"`+alice+`"`) {
		t.Errorf("audit after a removal: got %s, want one attendee.remove row naming Alice", got)
	}
	if ce := aws.closed(); ce.Code != realtime.CloseRemoved || ce.Text != "removed by the facilitator" {
		t.Errorf("close: got %d %q, want %d %q", ce.Code, ce.Text, realtime.CloseRemoved, "removed by the facilitator")
	}
	ev := bws.waitType("attendee_removed")
	if ev["chat"] != "keep" || ev["attendee"].(map[string]any)["id"] != alice || seqOf(ev) <= before {
		t.Errorf("attendee_removed: got %v, want chat keep for %s after seq %d", ev, alice, before)
	}
	if status, m := e.do("GET", "/api/me", aliceTok, nil); status != http.StatusUnauthorized {
		t.Errorf("/api/me: got %d %v, want 401", status, m)
	}
	if status := e.refusedWS("/ws?token=" + aliceTok); status != http.StatusUnauthorized {
		t.Errorf("/ws: got %d, want 401", status)
	}
	if got := e.body(lab + "/attendees"); strings.Contains(got, alice) || !strings.Contains(got, "Bob") {
		t.Errorf("roster: got %s, want Bob without %s", got, alice)
	}
	if got := e.body(lab + "/help"); got != "[]" {
		t.Errorf("help queue: got %s, want []", got)
	}
	msgs := e.body(lab + "/messages")
	if strings.Contains(msgs, "Alice") || strings.Count(msgs, `"name":"removed attendee"`) != 2 || !strings.Contains(msgs, "hi there") {
		t.Errorf("messages: got %s, want both chats kept as removed attendee", msgs)
	}
	// A replay (a reconnecting or late attendee) shows the new name too.
	replay := e.dialRaw("/ws?token=" + bobTok + "&since=0")
	c := replay.waitType("chat")
	if c["text"] != "hi there" || c["from"].(map[string]any)["name"] != "removed attendee" {
		t.Errorf("replayed chat: got %v, want hi there from removed attendee", c)
	}
	if status, m := e.do("DELETE", lab+"/attendees/"+alice, liveAdminToken, nil); status != http.StatusNotFound || errCode(m) != "attendee_not_found" {
		t.Errorf("remove twice: got %d %v, want 404 attendee_not_found", status, m)
	}
}

func TestRemoveAttendeeDeletesChat(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	lab := "/api/admin/codelabs/" + e.codelab
	aliceTok, alice := e.register("Alice")
	bobTok, _ := e.register("Bob")
	aws := e.attendeeWS(aliceTok, 0)
	bws := e.attendeeWS(bobTok, 0)
	bws.chat("b1", "bob says hi")
	aws.send(map[string]any{"type": "dm", "cid": "a0", "to": "admin", "text": "private words"})
	aws.waitFor("ack a0", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "a0" })
	last := aws.chat("a1", "secret words") // the log's last event: its seq must stay taken

	if status, m := e.do("DELETE", lab+"/attendees/"+alice+"?chat=delete", liveAdminToken, nil); status != http.StatusNoContent {
		t.Fatalf("remove: got %d %v, want 204", status, m)
	}
	if ev := bws.waitType("attendee_removed"); ev["chat"] != "delete" {
		t.Errorf("attendee_removed: got %v, want chat delete", ev)
	}
	msgs := e.body(lab + "/messages")
	if strings.Contains(msgs, "secret words") || strings.Contains(msgs, "private words") || !strings.Contains(msgs, "bob says hi") {
		t.Errorf("messages: got %s, want only Bob's chat", msgs)
	}
	if seq := bws.chat("b2", "still here"); seq <= last+1 {
		t.Errorf("next seq: got %d, want above %d (seqs never reused)", seq, last+1)
	}
	replay := e.dialRaw("/ws?token=" + bobTok + "&since=0")
	for {
		m := replay.nextNot("presence")
		if m["type"] == "chat" && m["text"] == "still here" {
			break
		}
		if m["text"] == "secret words" || m["type"] == "deleted" {
			t.Errorf("replay: got %v, want deleted chat gone", m)
		}
	}
}

func TestNewSessionEmptiesTheRoom(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	lab := "/api/admin/codelabs/" + e.codelab
	adm := e.adminWS()
	aliceTok, _ := e.register("Alice")
	aws := e.attendeeWS(aliceTok, 0)
	aws.chat("a1", "morning chat")
	aws.askHelp("a2")
	last := aws.chat("a3", "bye")

	if got := e.body(lab + "/sessions"); !strings.Contains(got, `"id":"current"`) || !strings.Contains(got, `"attendee_count":1`) {
		t.Errorf("sessions before: got %s, want the implicit current session with 1 attendee", got)
	}
	status, m := e.do("POST", lab+"/sessions", liveAdminToken, map[string]string{"title": " Afternoon  class "})
	if status != http.StatusCreated || m["title"] != "Afternoon class" || m["current"] != true || m["id"] == "" {
		t.Fatalf("start session: got %d %v, want 201 Afternoon class", status, m)
	}
	newID := m["id"].(string)
	if got := e.body("/api/admin/audit?action=session.start"); strings.Count(got, `"action":"session.start"`) != 1 || !strings.Contains(got, `"target_id":"`+newID+`"`) {
		t.Errorf("audit after a new session: got %s, want one session.start row", got)
	}
	if ce := aws.closed(); ce.Code != realtime.CloseSessionEnded || ce.Text != "a new session started" {
		t.Errorf("close: got %d %q, want %d %q", ce.Code, ce.Text, realtime.CloseSessionEnded, "a new session started")
	}
	if ev := adm.waitType("session_started"); seqOf(ev) <= last || ev["session"].(map[string]any)["id"] != newID {
		t.Errorf("session_started: got %v, want session %s after seq %d", ev, newID, last)
	}
	if status, _ := e.do("GET", "/api/me", aliceTok, nil); status != http.StatusUnauthorized {
		t.Errorf("old token /api/me: got %d, want 401", status)
	}
	if status := e.refusedWS("/ws?token=" + aliceTok); status != http.StatusUnauthorized {
		t.Errorf("old token /ws: got %d, want 401", status)
	}
	for _, p := range []string{"/attendees", "/help"} {
		if got := e.body(lab + p); got != "[]" {
			t.Errorf("%s after new session: got %s, want []", p, got)
		}
	}
	if got := e.body(lab + "/messages"); !strings.Contains(got, `"messages":[]`) {
		t.Errorf("messages after new session: got %s, want none", got)
	}
	if got := e.body(lab); !strings.Contains(got, "Three") {
		t.Errorf("content: got %s, want the steps kept", got)
	}

	var list []struct {
		ID      string
		Current bool
	}
	raw := e.body(lab + "/sessions")
	if err := json.Unmarshal([]byte(raw), &list); err != nil || len(list) != 2 {
		t.Fatalf("sessions: got %s, want 2", raw)
	}
	if !list[0].Current || list[0].ID != newID || list[1].Current {
		t.Errorf("sessions: got %s, want the new current one first, then the archived one", raw)
	}
	if !strings.Contains(raw, `"attendee_count":1,"chat_count":2,"help_count":1`) || !strings.Contains(raw, "Session of ") {
		t.Errorf("archived counts: got %s, want 1 attendee, 2 chats, 1 help, a dated title", raw)
	}
	old := e.body(lab + "/sessions/" + list[1].ID)
	for _, want := range []string{`"name":"Alice"`, "morning chat", `"resolved_at":null`, `"current":false`} {
		if !strings.Contains(old, want) {
			t.Errorf("archived session: got %s, want %s", old, want)
		}
	}
	// The room is empty: the name is free again and seqs keep growing.
	tok2, _ := e.register("Alice")
	if seq := e.attendeeWS(tok2, last).chat("n1", "afternoon"); seq <= last+1 {
		t.Errorf("seq in the new session: got %d, want above %d", seq, last+1)
	}
	if got := e.body(lab + "/sessions/" + list[1].ID); strings.Contains(got, "afternoon") {
		t.Errorf("archive changed: got %s", got)
	}
}

func TestSessionAndRemovalBadInput(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	_, alice := e.register("Alice")
	h := e.srv.Config.Handler
	lab := "/api/admin/codelabs/" + e.codelab
	for _, sc := range []scenario{
		{name: "unknown attendee", method: "DELETE", url: lab + "/attendees/nobody", token: liveAdminToken,
			wantStatus: 404, wantIn: []string{`"attendee_not_found"`}},
		{name: "unknown codelab", method: "DELETE", url: "/api/admin/codelabs/nope/attendees/" + alice, token: liveAdminToken,
			wantStatus: 404, wantIn: []string{`"not_found"`}},
		{name: "bad chat mode", method: "DELETE", url: lab + "/attendees/" + alice + "?chat=shred", token: liveAdminToken,
			wantStatus: 400, wantIn: []string{`"invalid_chat"`}},
		{name: "no admin token", method: "DELETE", url: lab + "/attendees/" + alice, wantStatus: 401},
		{name: "from the LAN", method: "POST", url: lab + "/sessions", token: liveAdminToken, remote: "192.168.1.20:4000", wantStatus: 403},
		{name: "session on unknown codelab", method: "POST", url: "/api/admin/codelabs/nope/sessions", body: `{}`,
			token: liveAdminToken, wantStatus: 404},
		{name: "list of unknown codelab", method: "GET", url: "/api/admin/codelabs/nope/sessions", token: liveAdminToken, wantStatus: 404},
		{name: "title too long", method: "POST", url: lab + "/sessions", body: `{"title":"` + strings.Repeat("x", 101) + `"}`,
			token: liveAdminToken, wantStatus: 400, wantIn: []string{`"invalid_title"`}},
		{name: "title not a string", method: "POST", url: lab + "/sessions", body: `{"title":3}`, token: liveAdminToken, wantStatus: 400},
		{name: "unknown session", method: "GET", url: lab + "/sessions/nope", token: liveAdminToken, wantStatus: 404},
		{name: "export unknown session", method: "GET", url: lab + "/sessions/nope/export", token: liveAdminToken, wantStatus: 404},
		{name: "nothing changed", method: "GET", url: lab + "/attendees", token: liveAdminToken, wantStatus: 200, wantIn: []string{alice}},
		{name: "still one session", method: "GET", url: lab + "/sessions", token: liveAdminToken, wantStatus: 200,
			wantIn: []string{`"id":"current"`}, wantNotIn: []string{"Session of"}},
		{name: "current session detail", method: "GET", url: lab + "/sessions/current", token: liveAdminToken, wantStatus: 200,
			wantIn: []string{`"name":"Alice"`}},
		{name: "export current", method: "GET", url: lab + "/sessions/current/export", token: liveAdminToken, wantStatus: 200,
			wantIn: []string{`"attendees"`}},
		{name: "start with no body", method: "POST", url: lab + "/sessions", token: liveAdminToken, contentType: "none",
			wantStatus: 201, wantIn: []string{"Session of "}},
	} {
		sc.run(t, h)
	}
}
