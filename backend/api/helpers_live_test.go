package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

// invite creates a helper of codelab and returns its id and token.
func (e *liveEnv) invite(codelab, name string, canAnnounce bool) (id, token string) {
	e.t.Helper()
	status, m := e.do("POST", "/api/admin/codelabs/"+codelab+"/helpers", liveAdminToken,
		map[string]any{"name": name, "can_announce": canAnnounce})
	if status != http.StatusCreated {
		e.t.Fatalf("invite %s: got %d %v, want 201", name, status, m)
	}
	return m["id"].(string), m["token"].(string)
}

func (e *liveEnv) helperWS(token string) *wsClient {
	return e.dial("/api/helper/ws?token=" + token)
}

// send sends a frame with cid and returns the ack or error frame for it.
func (w *wsClient) answer(frame map[string]any) map[string]any {
	w.t.Helper()
	w.send(frame)
	cid := frame["cid"]
	return w.waitFor("answer", func(m map[string]any) bool {
		return (m["type"] == "ack" || m["type"] == "error") && m["cid"] == cid
	})
}

func person(m map[string]any, key string) (id, name, role string) {
	p, _ := m[key].(map[string]any)
	id, _ = p["id"].(string)
	name, _ = p["name"].(string)
	role, _ = p["role"].(string)
	return
}

// TestHelperClaimReachesAttendeeAndDashboard: a helper claims a help
// request; the asker, the facilitator and other helpers see who is coming,
// another attendee sees nothing; then the helper resolves it.
func TestHelperClaimReachesAttendeeAndDashboard(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	annTok, annID := e.register("Ann")
	bobTok, _ := e.register("Bob")
	_, samTok := e.invite(e.codelab, "Sam", false)
	_, kimTok := e.invite(e.codelab, "Kim", false)
	admin := e.adminWS()
	ann := e.attendeeWS(annTok, 0)
	bob := e.attendeeWS(bobTok, 0)
	sam := e.helperWS(samTok)
	kim := e.helperWS(kimTok)

	ann.askHelp("h1")
	help := sam.waitType("help")
	rid := help["request"].(map[string]any)["id"].(string)
	kim.waitType("help")
	admin.waitType("help")

	ack := sam.answer(map[string]any{"type": "help_claim", "cid": "c1", "request_id": rid})
	if ack["type"] != "ack" {
		t.Fatalf("claim: got %v, want an ack", ack)
	}
	for who, ws := range map[string]*wsClient{"attendee": ann, "facilitator": admin, "other helper": kim} {
		ev := ws.waitType("help_claimed")
		if _, name, role := person(ev, "claimed_by"); name != "Sam" || role != "helper" || ev["request_id"] != rid {
			t.Errorf("%s: got %v, want request %s claimed by Sam (helper)", who, ev, rid)
		}
	}
	// Bob sees neither the help nor the claim: his next frame is Ann's chat.
	ann.chat("a1", "hello")
	if m := bob.nextNot("presence"); m["type"] != "chat" {
		t.Errorf("other attendee: got %v, want the chat (no help events)", m)
	}

	// A second claim, and an unclaim by someone else, are refused.
	if m := kim.answer(map[string]any{"type": "help_claim", "cid": "k1", "request_id": rid}); m["code"] != "help_already_claimed" ||
		!strings.Contains(m["message"].(string), "Sam") {
		t.Errorf("second claim: got %v, want help_already_claimed naming Sam", m)
	}
	if m := kim.answer(map[string]any{"type": "help_unclaim", "cid": "k2", "request_id": rid}); m["code"] != "not_your_claim" {
		t.Errorf("unclaim by another helper: got %v, want not_your_claim", m)
	}
	// The attendee's own view of the request shows the claim after a reload.
	if _, m := e.do("GET", "/api/me/help", annTok, nil); !strings.Contains(mustString(m), `"claimed_by":{"id"`) {
		t.Errorf("/api/me/help: got %v, want claimed_by", m)
	}

	if m := sam.answer(map[string]any{"type": "help_resolve", "cid": "r1", "request_id": rid}); m["type"] != "ack" {
		t.Fatalf("resolve: got %v, want an ack", m)
	}
	res := ann.waitType("help_resolved")
	if _, name, _ := person(res, "by"); name != "Sam" {
		t.Errorf("attendee: got %v, want resolved by Sam", res)
	}
	admin.waitType("help_resolved")
	kim.waitType("help_resolved")

	// The audit log names the helper for the claim and the resolve.
	audit := e.body("/api/admin/audit?codelab=" + e.codelab)
	for _, want := range []string{`"action":"help.claim","codelab_id"`, `"action":"help.resolve"`, `"actor_kind":"helper","actor_id"`} {
		if !strings.Contains(audit, strings.Split(want, ",")[0]) {
			t.Errorf("audit: got %s, want %s", audit, want)
		}
	}
	_ = annID
}

func mustString(m map[string]any) string { return string(mustJSON(m)) }

// TestHelperRevokeClosesSocket: removing a helper closes their socket at
// once with 4003 and a reason, their token stops working, and a request
// they had claimed is released for everyone to see.
func TestHelperRevokeClosesSocket(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	annTok, _ := e.register("Ann")
	samID, samTok := e.invite(e.codelab, "Sam", false)
	ann := e.attendeeWS(annTok, 0)
	sam := e.helperWS(samTok)
	ann.askHelp("h1")
	rid := sam.waitType("help")["request"].(map[string]any)["id"].(string)
	if status, m := e.do("POST", "/api/helper/help/"+rid+"/claim", samTok, nil); status != 200 {
		t.Fatalf("claim over HTTP: got %d %v, want 200", status, m)
	}
	ann.waitType("help_claimed")

	if status, _ := e.do("DELETE", "/api/admin/codelabs/"+e.codelab+"/helpers/"+samID, liveAdminToken, nil); status != 204 {
		t.Fatalf("revoke: got %d, want 204", status)
	}
	ce := sam.closed()
	if ce.Code != realtime.CloseRemoved || !strings.Contains(ce.Text, "helper access removed") {
		t.Errorf("close: got %d %q, want %d with the helper reason", ce.Code, ce.Text, realtime.CloseRemoved)
	}
	released := ann.waitType("help_claimed")
	if released["claimed_by"] != nil {
		t.Errorf("release: got %v, want claimed_by null", released)
	}
	if status := e.refusedWS("/api/helper/ws?token=" + samTok); status != 401 {
		t.Errorf("reconnect: got %d, want 401", status)
	}
	if status, _ := e.do("POST", "/api/helper/help/"+rid+"/resolve", samTok, nil); status != 401 {
		t.Errorf("resolve with revoked token: got %d, want 401", status)
	}
}

// TestHelperEndpointsRefuseOtherTokens: attendee, admin, revoked and other
// codelabs' helper tokens on the helper endpoints.
func TestHelperEndpointsRefuseOtherTokens(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	annTok, _ := e.register("Ann")
	ann := e.attendeeWS(annTok, 0)
	ann.askHelp("h1")
	_, m := e.do("GET", "/api/me/help", annTok, nil)
	rid := m["request"].(map[string]any)["id"].(string)
	other := e.newCodelab("")
	_, otherTok := e.invite(other, "Olga", true)
	goneID, goneTok := e.invite(e.codelab, "Gone", false)
	e.do("DELETE", "/api/admin/codelabs/"+e.codelab+"/helpers/"+goneID, liveAdminToken, nil)
	_, samTok := e.invite(e.codelab, "Sam", false)

	helperPaths := []struct{ method, path string }{
		{"GET", "/api/helper/me"}, {"GET", "/api/helper/attendees"}, {"GET", "/api/helper/help"},
		{"POST", "/api/helper/help/" + rid + "/claim"}, {"DELETE", "/api/helper/help/" + rid + "/claim"},
		{"POST", "/api/helper/help/" + rid + "/resolve"}, {"POST", "/api/helper/announcements"},
	}
	for _, tok := range []struct{ name, token string }{
		{"no token", ""}, {"attendee token", annTok}, {"admin token", liveAdminToken},
		{"revoked helper", goneTok}, {"made-up token", strings.Repeat("a", 64)},
	} {
		for _, p := range helperPaths {
			if status, m := e.do(p.method, p.path, tok.token, map[string]any{"text": "x"}); status != 401 || errCode(m) != "unauthorized" {
				t.Errorf("%s %s with %s: got %d %v, want 401 unauthorized", p.method, p.path, tok.name, status, m)
			}
		}
		if tok.token != "" {
			if status := e.refusedWS("/api/helper/ws?token=" + tok.token); status != 401 {
				t.Errorf("helper ws with %s: got %d, want 401", tok.name, status)
			}
		}
	}
	// A helper token is not an attendee token either.
	if status, _ := e.do("GET", "/api/me", samTok, nil); status != 401 {
		t.Errorf("/api/me with a helper token: got %d, want 401", status)
	}
	if status := e.refusedWS("/ws?token=" + samTok); status != 401 {
		t.Errorf("/ws with a helper token: got %d, want 401", status)
	}
	// Another codelab's helper cannot reach this codelab's queue or room.
	for _, p := range helperPaths[3:6] {
		if status, m := e.do(p.method, p.path, otherTok, nil); status != 404 || errCode(m) != "help_not_found" {
			t.Errorf("%s %s with another codelab's helper: got %d %v, want 404 help_not_found", p.method, p.path, status, m)
		}
	}
	if status, m := e.do("GET", "/api/helper/help", otherTok, nil); status != 200 || strings.Contains(mustString(m), rid) {
		t.Errorf("other codelab's queue: got %d %v, want 200 without %s", status, m, rid)
	}
	if status := e.refusedWS("/api/helper/ws?token=" + otherTok + "&codelab=" + e.codelab); status != 403 {
		t.Errorf("helper ws for another codelab: got %d, want 403", status)
	}
	// Bad input changes nothing.
	for _, tc := range []struct {
		method, path string
		body         any
		status       int
		code         string
	}{
		{"POST", "/api/helper/help/nope/claim", nil, 404, "help_not_found"},
		{"DELETE", "/api/helper/help/" + rid + "/claim", nil, 409, "not_your_claim"},
		{"POST", "/api/helper/announcements", map[string]any{"text": "hi"}, 403, "announcements_not_allowed"},
		{"POST", "/api/helper/announcements", "not an object", 400, "invalid_json"},
	} {
		if status, m := e.do(tc.method, tc.path, samTok, tc.body); status != tc.status || errCode(m) != tc.code {
			t.Errorf("%s %s: got %d %v, want %d %s", tc.method, tc.path, status, m, tc.status, tc.code)
		}
	}
	if _, m := e.do("GET", "/api/helper/help", samTok, nil); !strings.Contains(mustString(m), `"claimed_by":null`) {
		t.Errorf("queue after refusals: got %v, want the request unclaimed", m)
	}
}

// TestHelperDMsAnnouncementsAndVisibility: DMs between a helper and an
// attendee, announcements only when allowed, progress visible to helpers,
// the facilitator's DMs with attendees not, and a new session keeps the
// helper connected.
func TestHelperDMsAnnouncementsAndVisibility(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	annTok, annID := e.register("Ann")
	samID, samTok := e.invite(e.codelab, "Sam", false)
	_, leaTok := e.invite(e.codelab, "Lea", true)
	admin := e.adminWS()
	ann := e.attendeeWS(annTok, 0)
	sam := e.helperWS(samTok)
	lea := e.helperWS(leaTok)

	if m := sam.answer(map[string]any{"type": "dm", "cid": "d1", "to": annID, "text": "I can help"}); m["type"] != "ack" {
		t.Fatalf("helper dm: got %v, want ack", m)
	}
	dm := ann.waitType("dm")
	if _, name, role := person(dm, "from"); name != "Sam" || role != "helper" {
		t.Errorf("attendee got %v, want a DM from Sam (helper)", dm)
	}
	if m := ann.answer(map[string]any{"type": "dm", "cid": "a1", "to": samID, "text": "thanks"}); m["type"] != "ack" {
		t.Fatalf("attendee dm to helper: got %v, want ack", m)
	}
	if reply := sam.waitType("dm"); reply["text"] != "thanks" {
		t.Errorf("helper: got %v, want the attendee's reply", reply)
	}

	// The facilitator's DM with Ann stays between them; Ann's progress reaches helpers.
	admin.answer(map[string]any{"type": "dm", "cid": "f1", "to": annID, "text": "private"})
	ann.answer(map[string]any{"type": "progress", "cid": "p1", "step": 2})
	if m := lea.nextNot("presence", "ack"); m["type"] != "progress" {
		t.Errorf("helper: got %v, want Ann's progress and not the facilitator's DM", m)
	}

	if m := sam.answer(map[string]any{"type": "announcement", "cid": "n1", "text": "break"}); m["code"] != "forbidden" {
		t.Errorf("announcement without permission: got %v, want forbidden", m)
	}
	if m := lea.answer(map[string]any{"type": "announcement", "cid": "n2", "text": "lunch at noon"}); m["type"] != "ack" {
		t.Fatalf("announcement with permission: got %v, want ack", m)
	}
	if an := ann.waitType("announcement"); an["text"] != "lunch at noon" {
		t.Errorf("attendee: got %v, want Lea's announcement", an)
	} else if _, name, _ := person(an, "from"); name != "Lea" {
		t.Errorf("announcement from: got %v, want Lea", an)
	}
	if m := sam.answer(map[string]any{"type": "progress", "cid": "x1", "step": 2}); m["code"] != "forbidden" {
		t.Errorf("helper progress: got %v, want forbidden", m)
	}

	// A replay from 0 gives the helper the same picture: their DMs and
	// Ann's progress, never the facilitator's DM with her.
	sam2 := e.dialRaw("/api/helper/ws?token=" + samTok + "&since=0")
	var replayed []string
	for m := sam2.next(); m["type"] != "ready"; m = sam2.next() {
		replayed = append(replayed, m["type"].(string)+":"+mustString(m))
	}
	got := strings.Join(replayed, "\n")
	if !strings.Contains(got, "I can help") || !strings.Contains(got, "thanks") || !strings.Contains(got, "progress:") ||
		strings.Contains(got, "private") {
		t.Errorf("helper replay: got\n%s\nwant both DMs and the progress, not the facilitator's DM", got)
	}
	// A new session closes attendee sockets, not the helpers'.
	if status, _ := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/sessions", liveAdminToken, nil); status != 201 {
		t.Fatalf("new session: got %d, want 201", status)
	}
	if ce := ann.closed(); ce.Code != realtime.CloseSessionEnded {
		t.Errorf("attendee: got close %d, want %d", ce.Code, realtime.CloseSessionEnded)
	}
	lea.chat("l1", "still here")
	if status, m := e.do("GET", "/api/helper/me", samTok, nil); status != 200 {
		t.Errorf("helper after a new session: got %d %v, want 200", status, m)
	}
	// Helpers are not attendees: not in the attendee list nor the online list.
	if body := e.body("/api/admin/codelabs/" + e.codelab + "/attendees"); strings.Contains(body, "Sam") {
		t.Errorf("attendees: got %s, want no helper", body)
	}
	if status, m := e.do("GET", "/api/admin/codelabs/"+e.codelab+"/helpers", liveAdminToken, nil); status != 200 ||
		!strings.Contains(mustString(m), `"online":true`) {
		t.Errorf("helpers list: got %d %v, want online helpers", status, m)
	}
}
