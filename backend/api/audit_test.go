package api_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

// auditEntry mirrors one row of GET /api/admin/audit.
type auditEntry struct {
	ID         int64           `json:"id"`
	At         string          `json:"at"`
	ActorKind  string          `json:"actor_kind"`
	ActorID    string          `json:"actor_id"`
	ActorName  string          `json:"actor_name"`
	Action     string          `json:"action"`
	CodelabID  string          `json:"codelab_id"`
	TargetKind string          `json:"target_kind"`
	TargetID   string          `json:"target_id"`
	Detail     json.RawMessage `json:"detail"`
}

type auditPage struct {
	Entries    []auditEntry `json:"entries"`
	More       bool         `json:"more"`
	NextBefore int64        `json:"next_before"`
}

// auditQuery reads the log through the API (query is the URL's query string).
func auditQuery(t *testing.T, h http.Handler, query string) auditPage {
	t.Helper()
	out := scenario{name: "audit " + query, method: "GET", url: "/api/admin/audit?" + query, token: auditToken(h), wantStatus: 200}.run(t, h)
	var p auditPage
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("audit: %v in %s", err, out)
	}
	return p
}

// liveHandler marks a liveEnv's handler, which has the live admin token.
type liveHandler struct{ http.Handler }

func auditToken(h http.Handler) string {
	if _, ok := h.(liveHandler); ok {
		return liveAdminToken
	}
	return adminToken
}

// wantOneAudit asserts that action has exactly one row and returns it.
func wantOneAudit(t *testing.T, h http.Handler, action string) auditEntry {
	t.Helper()
	p := auditQuery(t, h, "action="+url.QueryEscape(action))
	if len(p.Entries) != 1 {
		t.Fatalf("action %s: got %d rows %+v, want 1", action, len(p.Entries), p.Entries)
	}
	return p.Entries[0]
}

func checkEntry(t *testing.T, e auditEntry, kind, actorID, codelab, targetKind, targetID string) {
	t.Helper()
	if e.ActorKind != kind || e.ActorID != actorID || e.CodelabID != codelab || e.TargetKind != targetKind || e.TargetID != targetID || e.At == "" {
		t.Errorf("%s: got actor %s/%s codelab %q target %s/%s at %q, want %s/%s %q %s/%s and a time",
			e.Action, e.ActorKind, e.ActorID, e.CodelabID, e.TargetKind, e.TargetID, e.At, kind, actorID, codelab, targetKind, targetID)
	}
}

func TestAuditFacilitatorActions(t *testing.T) {
	e := newContentEnv(t)
	id := create(t, e.h, `{"title":"Audited","access_code":"s3cret"}`)
	checkEntry(t, wantOneAudit(t, e.h, "codelab.create"), "facilitator", "admin", id, "codelab", id)

	patch := func(body string) {
		t.Helper()
		scenario{name: "patch", method: "PATCH", url: "/api/admin/codelabs/" + id, body: body, admin: true, wantStatus: 200}.run(t, e.h)
	}
	patch(`{"description":"d","access_code":"an0ther"}`)
	up := wantOneAudit(t, e.h, "codelab.update")
	checkEntry(t, up, "facilitator", "admin", id, "codelab", id)
	if strings.Contains(string(up.Detail), "an0ther") || !strings.Contains(string(up.Detail), "access_code") {
		t.Errorf("update detail: got %s, want the field names and no secret", up.Detail)
	}
	patch(`{"is_public":true}`)
	checkEntry(t, wantOneAudit(t, e.h, "codelab.publish"), "facilitator", "admin", id, "codelab", id)
	patch(`{"is_public":false}`)
	checkEntry(t, wantOneAudit(t, e.h, "codelab.unpublish"), "facilitator", "admin", id, "codelab", id)

	scenario{name: "steps", method: "PUT", url: "/api/admin/codelabs/" + id + "/steps", body: `{"steps":[{"title":"One","markdown":"x"}]}`, admin: true, wantStatus: 200}.run(t, e.h)
	checkEntry(t, wantOneAudit(t, e.h, "steps.save"), "facilitator", "admin", id, "codelab", id)

	out := scenario{name: "copy", method: "POST", url: "/api/admin/codelabs/" + id + "/copy", admin: true, wantStatus: 201}.run(t, e.h)
	var cp struct{ ID string }
	json.Unmarshal([]byte(out), &cp)
	checkEntry(t, wantOneAudit(t, e.h, "codelab.copy"), "facilitator", "admin", cp.ID, "codelab", cp.ID)

	rec := e.request("GET", "/api/admin/codelabs/"+id+"/export?format=opencodelabs", "", nil, true)
	if rec.Code != 200 {
		t.Fatalf("export: got %d", rec.Code)
	}
	checkEntry(t, wantOneAudit(t, e.h, "codelab.export"), "facilitator", "admin", id, "codelab", id)
	imported := decode(t, e.postFile("/api/admin/import", "x.zip", rec.Body.Bytes()), 201)["id"].(string)
	checkEntry(t, wantOneAudit(t, e.h, "codelab.import"), "facilitator", "admin", imported, "codelab", imported)

	// Refused requests record nothing.
	scenario{name: "bad patch", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"title":""}`, admin: true, wantStatus: 400}.run(t, e.h)
	scenario{name: "bad steps", method: "PUT", url: "/api/admin/codelabs/" + id + "/steps", body: `{}`, admin: true, wantStatus: 400}.run(t, e.h)
	scenario{name: "missing delete", method: "DELETE", url: "/api/admin/codelabs/nope", admin: true, wantStatus: 404}.run(t, e.h)
	wantOneAudit(t, e.h, "codelab.update")
	wantOneAudit(t, e.h, "steps.save")
	if n := len(auditQuery(t, e.h, "action=codelab.delete").Entries); n != 0 {
		t.Errorf("a failed delete: got %d rows, want 0", n)
	}

	archive := e.backup()
	checkEntry(t, wantOneAudit(t, e.h, "backup.download"), "facilitator", "admin", "", "backup", "")
	scenario{name: "delete", method: "DELETE", url: "/api/admin/codelabs/" + cp.ID, admin: true, wantStatus: 204}.run(t, e.h)
	checkEntry(t, wantOneAudit(t, e.h, "codelab.delete"), "facilitator", "admin", cp.ID, "codelab", cp.ID)

	decode(t, e.postFile("/api/admin/restore", "b.zip", archive), 200)
	// The restored log is the backup's, plus the restore itself.
	checkEntry(t, wantOneAudit(t, e.h, "backup.restore"), "facilitator", "admin", "", "backup", "")
	if n := len(auditQuery(t, e.h, "action=codelab.delete").Entries); n != 0 {
		t.Errorf("after restore: got %d delete rows, want 0 (the backup predates it)", n)
	}
}

func TestAuditLiveMilestonesAndNoChat(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	h := liveHandler{e.srv.Config.Handler}
	status, reg := e.do("POST", "/api/codelabs/"+e.codelab+"/attendees", "", map[string]string{"name": "Ada", "code": "letmein"})
	if status != 201 {
		t.Fatalf("register: got %d %v", status, reg)
	}
	token := reg["token"].(string)
	aid := reg["attendee"].(map[string]any)["id"].(string)
	r := wantOneAudit(t, h, "attendee.register")
	checkEntry(t, r, "attendee", aid, e.codelab, "attendee", aid)
	if r.ActorName != "Ada" {
		t.Errorf("register actor name: got %q, want Ada", r.ActorName)
	}
	if status, m := e.do("POST", "/api/codelabs/"+e.codelab+"/attendees/continue", "", map[string]string{"continue_code": reg["continue_code"].(string)}); status != 201 {
		t.Fatalf("continue: got %d %v", status, m)
	}
	checkEntry(t, wantOneAudit(t, h, "attendee.continue"), "attendee", aid, e.codelab, "attendee", aid)
	e.do("POST", "/api/codelabs/"+e.codelab+"/attendees", "", map[string]string{"name": "Ada", "code": "letmein"}) // 409: no row
	wantOneAudit(t, h, "attendee.register")

	ws := e.attendeeWS(token, 0)
	ws.chat("c1", "SECRET-CHAT-TEXT")
	ws.send(map[string]any{"type": "help", "cid": "h1"})
	ws.waitFor("help ack", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "h1" })
	ws.send(map[string]any{"type": "help", "cid": "h1"}) // a resend: no second row
	ws.waitFor("help ack", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "h1" })
	ask := wantOneAudit(t, h, "help.ask")
	checkEntry(t, ask, "attendee", aid, e.codelab, "help", ask.TargetID)
	if ask.TargetID == "" {
		t.Errorf("help.ask: got an empty target, want the request id")
	}
	if status, m := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/help/"+ask.TargetID+"/resolve", liveAdminToken, nil); status != 200 {
		t.Fatalf("resolve: got %d %v", status, m)
	}
	checkEntry(t, wantOneAudit(t, h, "help.resolve"), "facilitator", "admin", e.codelab, "help", ask.TargetID)

	status, ann := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/announcements", liveAdminToken, map[string]string{"text": "SECRET-ANNOUNCE", "cid": "a1"})
	if status != 201 {
		t.Fatalf("announce: got %d %v", status, ann)
	}
	e.do("POST", "/api/admin/codelabs/"+e.codelab+"/announcements", liveAdminToken, map[string]string{"text": "SECRET-ANNOUNCE", "cid": "a1"}) // a retry: no row
	checkEntry(t, wantOneAudit(t, h, "announcement.send"), "facilitator", "admin", e.codelab, "event", itoa(seqOf(ann)))
	// The admin WebSocket path records too.
	adm := e.adminWS()
	adm.send(map[string]any{"type": "announcement", "cid": "a2", "text": "SECRET-ANNOUNCE"})
	ack := adm.waitFor("announce ack", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "a2" })
	if got := auditQuery(t, h, "action=announcement.send").Entries; len(got) != 2 || got[0].TargetID != itoa(seqOf(ack)) {
		t.Errorf("announcement over WS: got %+v, want 2 rows, the newest naming seq %d", got, seqOf(ack))
	}

	for _, format := range []string{"json", "csv"} {
		scenario{name: "no chat " + format, method: "GET", url: "/api/admin/audit?format=" + format, token: liveAdminToken, wantStatus: 200,
			wantIn: []string{"help.ask"}, wantNotIn: []string{"SECRET-CHAT-TEXT", "SECRET-ANNOUNCE"}}.run(t, h)
	}
	if n := len(auditQuery(t, h, "actor="+aid).Entries); n != 3 {
		t.Errorf("actor filter: got %d rows for Ada, want 3 (register, continue, help.ask)", n)
	}
}

func TestAuditFiltersPagingAndBadInput(t *testing.T) {
	a, _ := newAPI(t)
	one := create(t, a, `{"title":"One"}`)
	two := create(t, a, `{"title":"Two"}`)
	for range 3 {
		scenario{name: "patch", method: "PATCH", url: "/api/admin/codelabs/" + two, body: `{"author":"x"}`, admin: true, wantStatus: 200}.run(t, a)
	}
	if got := auditQuery(t, a, "codelab="+one).Entries; len(got) != 1 || got[0].Action != "codelab.create" {
		t.Errorf("codelab filter: got %+v, want one create", got)
	}
	if got := auditQuery(t, a, "codelab="+two+"&action=codelab.update").Entries; len(got) != 3 {
		t.Errorf("codelab+action: got %d, want 3", len(got))
	}
	if got := auditQuery(t, a, "actor=facilitator").Entries; len(got) != 5 {
		t.Errorf("actor=facilitator: got %d, want 5", len(got))
	}
	if got := auditQuery(t, a, "since=2999-01-01").Entries; len(got) != 0 {
		t.Errorf("since in the future: got %d, want 0", len(got))
	}
	if got := auditQuery(t, a, "until=2000-01-01T00:00:00Z").Entries; len(got) != 0 {
		t.Errorf("until in the past: got %d, want 0", len(got))
	}
	if got := auditQuery(t, a, "since=2000-01-01&until=2999-01-01").Entries; len(got) != 5 {
		t.Errorf("wide window: got %d, want 5", len(got))
	}

	// Paging: newest first, two at a time, no row twice.
	seen := map[int64]bool{}
	q := "limit=2"
	for pages := 0; ; pages++ {
		p := auditQuery(t, a, q)
		for _, e := range p.Entries {
			if seen[e.ID] {
				t.Fatalf("row %d on two pages", e.ID)
			}
			seen[e.ID] = true
		}
		if !p.More {
			break
		}
		if pages > 5 {
			t.Fatal("paging never ends")
		}
		q = "limit=2&before=" + itoa(p.NextBefore)
	}
	if len(seen) != 5 {
		t.Errorf("paging: got %d rows, want 5", len(seen))
	}

	for _, sc := range []scenario{
		{name: "bad since", method: "GET", url: "/api/admin/audit?since=yesterday", admin: true, wantStatus: 400, wantIn: []string{`"invalid_time"`}},
		{name: "bad format", method: "GET", url: "/api/admin/audit?format=xml", admin: true, wantStatus: 400, wantIn: []string{`"invalid_format"`}},
		{name: "bad limit", method: "GET", url: "/api/admin/audit?limit=0", admin: true, wantStatus: 400, wantIn: []string{`"invalid_limit"`}},
		{name: "bad before", method: "GET", url: "/api/admin/audit?before=x", admin: true, wantStatus: 400, wantIn: []string{`"invalid_before"`}},
		{name: "no token", method: "GET", url: "/api/admin/audit", wantStatus: 401},
		{name: "from the LAN", method: "GET", url: "/api/admin/audit", admin: true, remote: "192.168.1.20:5000", wantStatus: 403},
		{name: "settings default", method: "GET", url: "/api/admin/audit/settings", admin: true, wantStatus: 200, wantIn: []string{`"retention_days":180`}},
		{name: "settings zero", method: "PUT", url: "/api/admin/audit/settings", body: `{"retention_days":0}`, admin: true, wantStatus: 400, wantIn: []string{`"invalid_field"`}},
		{name: "settings missing", method: "PUT", url: "/api/admin/audit/settings", body: `{}`, admin: true, wantStatus: 400},
		{name: "settings text", method: "PUT", url: "/api/admin/audit/settings", body: `{"retention_days":"9"}`, admin: true, wantStatus: 400},
		{name: "unchanged", method: "GET", url: "/api/admin/audit/settings", admin: true, wantStatus: 200, wantIn: []string{`"retention_days":180`}},
		{name: "settings ok", method: "PUT", url: "/api/admin/audit/settings", body: `{"retention_days":30}`, admin: true, wantStatus: 200, wantIn: []string{`"retention_days":30`}},
		{name: "changed", method: "GET", url: "/api/admin/audit/settings", admin: true, wantStatus: 200, wantIn: []string{`"retention_days":30`}},
	} {
		sc.run(t, a)
	}
	checkEntry(t, wantOneAudit(t, a, "audit.settings"), "facilitator", "admin", "", "settings", "audit")
}

func TestAuditCSVEscapingAndInjection(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"CSV","is_public":true}`)
	names := []string{`=HYPERLINK("http://evil")`, `+1`, `-2+3`, `@SUM(A1)`, `Ada, "the" first`}
	for _, n := range names {
		b, _ := json.Marshal(map[string]string{"name": n})
		scenario{name: "register " + n, method: "POST", url: "/api/codelabs/" + id + "/attendees", body: string(b), wantStatus: 201}.run(t, a)
	}
	req := scenario{name: "csv", method: "GET", url: "/api/admin/audit?format=csv&action=attendee.register", admin: true, wantStatus: 200}
	out := req.run(t, a)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v in %s", err, out)
	}
	if len(rows) != len(names)+1 || strings.Join(rows[0], ",") != "id,at,actor_kind,actor_id,actor_name,action,codelab_id,target_kind,target_id,detail" {
		t.Fatalf("csv: got %d rows, header %v; want a header and %d rows", len(rows), rows[0], len(names))
	}
	got := map[string]bool{}
	for _, r := range rows[1:] {
		got[r[4]] = true
		if c := r[4][0]; c == '=' || c == '+' || c == '-' || c == '@' {
			t.Errorf("csv: cell %q starts with %q, want it defused", r[4], c)
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://evil")`, `'+1`, `'-2+3`, `'@SUM(A1)`, `Ada, "the" first`} {
		if !got[want] {
			t.Errorf("csv: no actor_name cell %q in %v", want, got)
		}
	}
}
