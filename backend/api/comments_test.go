package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

// commentLab is a live env with three attendees for comment tests.
type commentLab struct {
	*liveEnv
	h                   http.Handler
	ann, bob, eve       string // tokens (eve is in another codelab)
	annID, bobID, other string
}

func newCommentLab(t *testing.T) *commentLab {
	t.Helper()
	e := newLiveEnv(t, realtime.Options{}, nil)
	l := &commentLab{liveEnv: e, h: e.srv.Config.Handler}
	l.ann, l.annID = e.register("Ann")
	l.bob, l.bobID = e.register("Bob")
	l.other = e.newCodelab("")
	st, m := e.do("POST", "/api/codelabs/"+l.other+"/attendees", "", map[string]string{"name": "Eve"})
	if st != http.StatusCreated {
		t.Fatalf("register Eve: got %d %v, want 201", st, m)
	}
	l.eve = m["token"].(string)
	return l
}

// comment opens a thread by token on step and returns its id.
func (l *commentLab) comment(token string, step int, exact, text string) string {
	l.t.Helper()
	st, m := l.do("POST", "/api/codelabs/"+l.codelab+"/comments", token,
		map[string]any{"step": step, "quote": map[string]string{"exact": exact, "prefix": "before ", "suffix": " after"}, "text": text})
	if st != http.StatusCreated {
		l.t.Fatalf("comment: got %d %v, want 201", st, m)
	}
	return m["thread"].(map[string]any)["id"].(string)
}

func (l *commentLab) sharing(mode string) {
	l.t.Helper()
	scenario{name: "sharing " + mode, method: "PUT", url: "/api/admin/codelabs/" + l.codelab + "/comments/settings",
		token: liveAdminToken, body: `{"sharing":"` + mode + `"}`, wantStatus: 200, wantIn: []string{mode}}.run(l.t, l.h)
}

func TestCommentHostileInput(t *testing.T) {
	l := newCommentLab(t)
	lab := "/api/codelabs/" + l.codelab + "/comments"
	admin := "/api/admin/codelabs/" + l.codelab + "/comments"
	q := func(exact string) string { return `"quote":{"exact":"` + exact + `","prefix":"p","suffix":"s"}` }
	long := strings.Repeat("é", 501)
	for _, sc := range []scenario{
		{name: "step that does not exist", body: `{"step":9,` + q("One") + `,"text":"why?"}`, wantStatus: 404, wantIn: []string{"step_not_found"}},
		{name: "step zero", body: `{"step":0,` + q("One") + `,"text":"why?"}`, wantStatus: 404, wantIn: []string{"step_not_found"}},
		{name: "empty comment", body: `{"step":1,` + q("One") + `,"text":"   "}`, wantStatus: 400, wantIn: []string{"empty_text"}},
		{name: "comment too long", body: `{"step":1,` + q("One") + `,"text":"` + strings.Repeat("x", 2001) + `"}`, wantStatus: 400, wantIn: []string{"text_too_long"}},
		{name: "empty quote", body: `{"step":1,` + q("  ") + `,"text":"why?"}`, wantStatus: 400, wantIn: []string{"empty_quote"}},
		{name: "no quote", body: `{"step":1,"text":"why?"}`, wantStatus: 400, wantIn: []string{"empty_quote"}},
		{name: "quote too long", body: `{"step":1,` + q(long) + `,"text":"why?"}`, wantStatus: 400, wantIn: []string{"quote_too_long"}},
		{name: "context too long", body: `{"step":1,"quote":{"exact":"One","prefix":"` + strings.Repeat("p", 65) + `"},"text":"why?"}`, wantStatus: 400, wantIn: []string{"invalid_quote"}},
		{name: "wrong types", body: `{"step":"1",` + q("One") + `,"text":"why?"}`, wantStatus: 400, wantIn: []string{"invalid_json"}},
		{name: "cid too long", body: `{"step":1,` + q("One") + `,"text":"why?","cid":"` + strings.Repeat("c", 65) + `"}`, wantStatus: 400, wantIn: []string{"bad_cid"}},
	} {
		sc.method, sc.url, sc.token = "POST", lab, l.ann
		sc.run(t, l.h)
	}
	scenario{name: "no token", method: "POST", url: lab, body: `{"step":1,` + q("One") + `,"text":"why?"}`, wantStatus: 401}.run(t, l.h)
	scenario{name: "token of another codelab", method: "POST", url: lab, token: l.eve, body: `{"step":1,` + q("One") + `,"text":"why?"}`,
		wantStatus: 403, wantIn: []string{"wrong_codelab"}}.run(t, l.h)
	scenario{name: "nothing stored", method: "GET", url: admin, token: liveAdminToken, wantStatus: 200,
		wantIn: []string{`"threads":[]`, `"sharing":"private"`}}.run(t, l.h)

	tid := l.comment(l.ann, 2, "Two", "What does this mean?")
	replies := admin + "/" + tid + "/replies"
	for _, sc := range []scenario{
		{name: "empty reply", url: replies, token: liveAdminToken, body: `{"text":""}`, wantStatus: 400, wantIn: []string{"empty_text"}},
		{name: "private thread: another attendee cannot see it", url: lab + "/" + tid + "/replies", token: l.bob, body: `{"text":"me too"}`,
			wantStatus: 404, wantIn: []string{"thread_not_found"}},
		{name: "thread id from another codelab", url: "/api/codelabs/" + l.other + "/comments/" + tid + "/replies", token: l.eve,
			body: `{"text":"hi"}`, wantStatus: 404, wantIn: []string{"thread_not_found"}},
		{name: "facilitator: thread id under another codelab", url: "/api/admin/codelabs/" + l.other + "/comments/" + tid + "/replies",
			token: liveAdminToken, body: `{"text":"hi"}`, wantStatus: 404, wantIn: []string{"thread_not_found"}},
		{name: "facilitator: resolve under another codelab", url: "/api/admin/codelabs/" + l.other + "/comments/" + tid + "/resolve",
			token: liveAdminToken, wantStatus: 404, wantIn: []string{"thread_not_found"}},
		{name: "unknown thread", url: admin + "/nope/replies", token: liveAdminToken, body: `{"text":"hi"}`, wantStatus: 404, wantIn: []string{"thread_not_found"}},
		{name: "attendee cannot resolve", url: lab + "/" + tid + "/resolve", token: l.ann, wantStatus: 404},
		{name: "attendee token on the admin path", url: admin + "/" + tid + "/resolve", token: l.ann, wantStatus: 401},
		{name: "facilitator from the LAN", url: admin + "/" + tid + "/resolve", token: liveAdminToken, remote: "192.168.1.20:4000", wantStatus: 403},
		{name: "bad sharing", method: "PUT", url: admin + "/settings", token: liveAdminToken, body: `{"sharing":"everyone"}`, wantStatus: 400, wantIn: []string{"invalid_sharing"}},
	} {
		if sc.method == "" {
			sc.method = "POST"
		}
		sc.run(t, l.h)
	}

	l.sharing("read")
	scenario{name: "read-only sharing: Bob sees the thread", method: "GET", url: lab, token: l.bob, wantStatus: 200,
		wantIn: []string{tid, "What does this mean?"}}.run(t, l.h)
	scenario{name: "reply by an attendee when replies are not allowed", method: "POST", url: lab + "/" + tid + "/replies", token: l.bob,
		body: `{"text":"me too"}`, wantStatus: 403, wantIn: []string{"replies_not_allowed"}}.run(t, l.h)
	scenario{name: "the author may reply", method: "POST", url: lab + "/" + tid + "/replies", token: l.ann,
		body: `{"text":"I found step 1 helps"}`, wantStatus: 201}.run(t, l.h)
	scenario{name: "resolve", method: "POST", url: admin + "/" + tid + "/resolve", token: liveAdminToken, wantStatus: 200,
		wantIn: []string{`"type":"comment_status"`, `"status":"resolved"`}}.run(t, l.h)
	scenario{name: "resolve twice", method: "POST", url: admin + "/" + tid + "/resolve", token: liveAdminToken, wantStatus: 409,
		wantIn: []string{"thread_already_resolved"}}.run(t, l.h)
	for _, sc := range []scenario{
		{name: "reply to a resolved thread (facilitator)", token: liveAdminToken, url: replies},
		{name: "reply to a resolved thread (author)", token: l.ann, url: lab + "/" + tid + "/replies"},
	} {
		sc.method, sc.body, sc.wantStatus, sc.wantIn = "POST", `{"text":"late"}`, 409, []string{"thread_resolved"}
		sc.run(t, l.h)
	}
	scenario{name: "refused replies stored nothing", method: "GET", url: admin, token: liveAdminToken, wantStatus: 200,
		wantIn:    []string{"I found step 1 helps", `"status":"resolved"`},
		wantNotIn: []string{"me too", "late", `"text":"hi"`}}.run(t, l.h)
	scenario{name: "reopen", method: "POST", url: admin + "/" + tid + "/reopen", token: liveAdminToken, wantStatus: 200,
		wantIn: []string{`"status":"open"`}}.run(t, l.h)
	l.sharing("reply")
	scenario{name: "replies allowed: Bob replies", method: "POST", url: lab + "/" + tid + "/replies", token: l.bob,
		body: `{"text":"me too"}`, wantStatus: 201, wantIn: []string{`"type":"comment_reply"`}}.run(t, l.h)

	audit := scenario{name: "audit", method: "GET", url: "/api/admin/audit?codelab=" + l.codelab + "&format=json", token: liveAdminToken,
		wantStatus: 200, wantIn: []string{"comment.resolve", "comment.reopen", tid},
		wantNotIn: []string{"What does this mean?", "me too", "I found step 1"}}
	audit.run(t, l.h)
}

func TestCommentsLiveAndReplay(t *testing.T) {
	l := newCommentLab(t)
	adm := l.adminWS()
	aws := l.attendeeWS(l.ann, 0)
	bws := l.attendeeWS(l.bob, 0)

	// Ann comments over the socket: the ack comes after the commit, once per cid.
	frame := map[string]any{"type": "comment", "cid": "k1", "step": 1, "text": "Unclear",
		"quote": map[string]string{"exact": "One", "prefix": "", "suffix": ""}}
	aws.send(frame)
	ack := aws.waitFor("ack k1", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "k1" })
	ev := adm.waitType("comment_thread")
	if seqOf(ev) != seqOf(ack) || ev["text"] != "Unclear" || ev["from"].(map[string]any)["name"] != "Ann" {
		t.Fatalf("facilitator got %v, want Ann's comment at seq %d", ev, seqOf(ack))
	}
	tid := ev["thread_id"].(string)
	aws.send(frame)
	if again := aws.waitFor("ack k1 again", func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == "k1" }); seqOf(again) != seqOf(ack) {
		t.Fatalf("re-sent cid: got seq %d, want %d", seqOf(again), seqOf(ack))
	}
	// Refusals over the socket carry the cid and store nothing.
	aws.send(map[string]any{"type": "comment", "cid": "k2", "step": 7, "text": "x", "quote": map[string]string{"exact": "One"}})
	if e := aws.waitType("error"); e["code"] != "step_not_found" || e["cid"] != "k2" {
		t.Fatalf("bad step: got %v, want step_not_found for k2", e)
	}
	adm.send(map[string]any{"type": "comment", "cid": "a0", "step": 1, "text": "x", "quote": map[string]string{"exact": "One"}})
	if e := adm.waitType("error"); e["code"] != "forbidden" {
		t.Fatalf("facilitator thread: got %v, want forbidden", e)
	}

	// The facilitator replies; Ann sees it live, Bob (private mode) does not.
	adm.send(map[string]any{"type": "comment_reply", "cid": "a1", "thread_id": tid, "text": "It is the first step."})
	if r := aws.waitType("comment_reply"); r["text"] != "It is the first step." || r["thread_id"] != tid {
		t.Fatalf("Ann got %v, want the facilitator's reply", r)
	}
	bws.send(map[string]any{"type": "chat", "cid": "b1", "text": "marker"})
	bws.waitFor("ack b1", func(m map[string]any) bool {
		if strings.HasPrefix(m["type"].(string), "comment") {
			t.Fatalf("Bob got %v, want no frames of Ann's private thread", m)
		}
		return m["type"] == "ack"
	})

	// Sharing on: Bob is told, and a replay now holds Ann's thread.
	l.sharing("read")
	if m := bws.waitType("comment_sharing"); m["sharing"] != "read" {
		t.Fatalf("Bob got %v, want comment_sharing read", m)
	}
	bws.send(map[string]any{"type": "comment_reply", "cid": "b2", "thread_id": tid, "text": "me too"})
	if e := bws.waitType("error"); e["code"] != "replies_not_allowed" || e["cid"] != "b2" {
		t.Fatalf("Bob's reply with read-only sharing: got %v, want replies_not_allowed for b2", e)
	}
	bob2 := l.dialRaw("/ws?token=" + l.bob)
	replayed := 0
	for {
		m := bob2.next()
		if m["type"] == "ready" {
			break
		}
		if m["type"] == "comment_thread" || m["type"] == "comment_reply" {
			replayed++
		}
	}
	if replayed != 2 {
		t.Fatalf("Bob's replay with sharing on: got %d comment frames, want 2", replayed)
	}
	// Sharing off again: a fresh replay hides them.
	l.sharing("private")
	bob3 := l.dialRaw("/ws?token=" + l.bob)
	for {
		m := bob3.next()
		if m["type"] == "ready" {
			break
		}
		if strings.HasPrefix(m["type"].(string), "comment_") && m["type"] != "comment_sharing" {
			t.Fatalf("Bob's replay with sharing off: got %v, want no thread frames", m)
		}
	}
	// Ann's replay still has her thread and the reply.
	ann2 := l.dialRaw("/ws?token=" + l.ann)
	got := map[string]bool{}
	for {
		m := ann2.next()
		if m["type"] == "ready" {
			break
		}
		got[m["type"].(string)] = true
	}
	if !got["comment_thread"] || !got["comment_reply"] {
		t.Fatalf("Ann's replay: got types %v, want her thread and its reply", got)
	}

	// Resolving reaches Ann live.
	scenario{name: "resolve", method: "POST", url: "/api/admin/codelabs/" + l.codelab + "/comments/" + tid + "/resolve",
		token: liveAdminToken, wantStatus: 200}.run(t, l.h)
	if m := aws.waitType("comment_status"); m["status"] != "resolved" || m["thread_id"] != tid {
		t.Fatalf("Ann got %v, want the thread resolved", m)
	}
}

func TestRemovedAuthorsThreadsStayWithTheFacilitator(t *testing.T) {
	l := newCommentLab(t)
	l.sharing("reply")
	tid := l.comment(l.ann, 1, "One", "Typo here")
	lab := "/api/codelabs/" + l.codelab + "/comments"
	scenario{name: "Bob sees Ann's thread", method: "GET", url: lab, token: l.bob, wantStatus: 200, wantIn: []string{tid}}.run(t, l.h)
	if st, m := l.do("DELETE", "/api/admin/codelabs/"+l.codelab+"/attendees/"+l.annID, liveAdminToken, nil); st != http.StatusNoContent {
		t.Fatalf("remove Ann: got %d %v, want 204", st, m)
	}
	scenario{name: "Bob no longer sees it", method: "GET", url: lab, token: l.bob, wantStatus: 200,
		wantIn: []string{`"threads":[]`}}.run(t, l.h)
	scenario{name: "the facilitator still does, relabelled", method: "GET", url: "/api/admin/codelabs/" + l.codelab + "/comments?status=open",
		token: liveAdminToken, wantStatus: 200, wantIn: []string{tid, "removed attendee", "Typo here"}, wantNotIn: []string{`"Ann"`}}.run(t, l.h)
	bws := l.dialRaw("/ws?token=" + l.bob)
	for {
		m := bws.next()
		if m["type"] == "ready" {
			break
		}
		if m["type"] == "comment_thread" {
			t.Fatalf("Bob's replay: got %v, want no thread of a removed attendee", m)
		}
	}
}

func TestNewSessionKeepsThreadsForTheFacilitatorOnly(t *testing.T) {
	l := newCommentLab(t)
	l.sharing("reply")
	tid := l.comment(l.ann, 3, "Three", "Last step unclear")
	if st, m := l.do("POST", "/api/admin/codelabs/"+l.codelab+"/sessions", liveAdminToken, map[string]string{"title": "Afternoon"}); st != http.StatusCreated {
		t.Fatalf("new session: got %d %v, want 201", st, m)
	}
	carol, _ := l.register("Carol")
	scenario{name: "a new attendee does not see the old session's thread", method: "GET", url: "/api/codelabs/" + l.codelab + "/comments",
		token: carol, wantStatus: 200, wantIn: []string{`"threads":[]`, `"sharing":"reply"`}}.run(t, l.h)
	scenario{name: "nor reply to it", method: "POST", url: "/api/codelabs/" + l.codelab + "/comments/" + tid + "/replies",
		token: carol, body: `{"text":"hi"}`, wantStatus: 404, wantIn: []string{"thread_not_found"}}.run(t, l.h)
	scenario{name: "the old token is gone", method: "GET", url: "/api/codelabs/" + l.codelab + "/comments",
		token: l.ann, wantStatus: 401}.run(t, l.h)
	scenario{name: "the facilitator keeps it open in the editor", method: "GET", url: "/api/admin/codelabs/" + l.codelab + "/comments?status=open&step=3",
		token: liveAdminToken, wantStatus: 200, wantIn: []string{tid, "Last step unclear"}}.run(t, l.h)
	scenario{name: "and can still resolve it", method: "POST", url: "/api/admin/codelabs/" + l.codelab + "/comments/" + tid + "/resolve",
		token: liveAdminToken, wantStatus: 200}.run(t, l.h)
	scenario{name: "filters", method: "GET", url: "/api/admin/codelabs/" + l.codelab + "/comments?status=open",
		token: liveAdminToken, wantStatus: 200, wantIn: []string{`"threads":[]`}}.run(t, l.h)
	scenario{name: "bad status filter", method: "GET", url: "/api/admin/codelabs/" + l.codelab + "/comments?status=closed",
		token: liveAdminToken, wantStatus: 400, wantIn: []string{"invalid_status"}}.run(t, l.h)
}
