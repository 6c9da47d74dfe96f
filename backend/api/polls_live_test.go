package api_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

// startPoll opens a poll over REST and returns its id.
func (e *liveEnv) startPoll(options ...string) string {
	e.t.Helper()
	status, m := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/polls", liveAdminToken,
		map[string]any{"question": "Which editor?", "options": options})
	if status != http.StatusCreated {
		e.t.Fatalf("start poll: got %d %v, want 201", status, m)
	}
	return m["id"].(string)
}

// counts reads the poll's server-side counts through the facilitator's list.
func (e *liveEnv) counts(pollID string) []any {
	e.t.Helper()
	status, m := e.do("GET", "/api/admin/codelabs/"+e.codelab+"/polls", liveAdminToken, nil)
	if status != http.StatusOK {
		e.t.Fatalf("polls: got %d %v", status, m)
	}
	for _, p := range m["polls"].([]any) {
		p := p.(map[string]any)
		if p["id"] == pollID {
			return p["results"].(map[string]any)["counts"].([]any)
		}
	}
	e.t.Fatalf("poll %s not listed in %v", pollID, m)
	return nil
}

// answerPoll sends a poll_answer frame and returns the ack or error frame.
func (w *wsClient) answerPoll(cid, pollID string, option any) map[string]any {
	w.t.Helper()
	return w.answer(map[string]any{"type": "poll_answer", "cid": cid, "poll_id": pollID, "option": option})
}

func TestPollLiveOverWebSocket(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	admin := e.adminWS()
	annTok, annID := e.register("Ann")
	bobTok, _ := e.register("Bob")
	ann := e.attendeeWS(annTok, 0)
	bob := e.attendeeWS(bobTok, 0)

	pid := e.startPoll("Vim", "Emacs", "VS Code")
	started := bob.waitType("poll")
	if started["action"] != "started" || started["poll"].(map[string]any)["id"] != pid {
		t.Fatalf("poll frame: got %v, want started %s", started, pid)
	}
	if _, leaked := started["results"]; leaked {
		t.Errorf("attendee poll frame: got results %v before they are shown", started["results"])
	}
	admin.waitType("poll")

	// A hostile client: Ann opens four more sockets and votes on all five at once.
	socks := []*wsClient{ann}
	for range 4 {
		socks = append(socks, e.attendeeWS(annTok, 0))
	}
	var wg sync.WaitGroup
	acks := make([]map[string]any, len(socks))
	for i, s := range socks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acks[i] = s.answerPoll(fmt.Sprintf("vote-%d", i), pid, i%3)
		}()
	}
	wg.Wait()
	for i, a := range acks {
		if a["type"] != "ack" {
			t.Errorf("socket %d: got %v, want an ack (changing the answer while open is allowed)", i, a)
		}
	}
	if got := e.counts(pid); fmt.Sprint(got) != "[0 0 1]" && fmt.Sprint(got) != "[1 0 0]" && fmt.Sprint(got) != "[0 1 0]" {
		t.Fatalf("counts after five sockets: got %v, want exactly one answer", got)
	}
	// The facilitator's results follow live, computed by the server.
	res := admin.waitFor("results with one answer", func(m map[string]any) bool {
		r, ok := m["results"].(map[string]any)
		return m["type"] == "poll_results" && ok && r["total"] == float64(1)
	})
	if res["poll_id"] != pid {
		t.Errorf("poll_results: got %v, want poll %s", res, pid)
	}
	// Resending a cid is idempotent: same seq, nothing new.
	first := ann.answerPoll("once", pid, 1)
	again := ann.answerPoll("once", pid, 2)
	if seqOf(first) == 0 || seqOf(first) != seqOf(again) {
		t.Errorf("resent cid: got seqs %d and %d, want the same", seqOf(first), seqOf(again))
	}
	if got := fmt.Sprint(e.counts(pid)); got != "[0 1 0]" {
		t.Errorf("after resent cid: got %s, want [0 1 0]", got)
	}

	for _, tc := range []struct {
		name   string
		client *wsClient
		frame  map[string]any
		code   string
	}{
		{"index out of range", bob, map[string]any{"poll_id": pid, "option": 3}, "invalid_option"},
		{"negative index", bob, map[string]any{"poll_id": pid, "option": -1}, "invalid_option"},
		{"no option", bob, map[string]any{"poll_id": pid}, "invalid_option"},
		{"option as text", bob, map[string]any{"poll_id": pid, "option": "1"}, "bad_frame"},
		{"unknown poll", bob, map[string]any{"poll_id": "nope", "option": 0}, "poll_not_found"},
		{"facilitator answering", admin, map[string]any{"poll_id": pid, "option": 0}, "forbidden"},
	} {
		cid := "bad-" + tc.name
		tc.frame["type"], tc.frame["cid"] = "poll_answer", cid
		tc.client.send(tc.frame)
		got := tc.client.waitFor(cid, func(m map[string]any) bool { return m["cid"] == cid })
		if got["type"] != "error" || got["code"] != tc.code {
			t.Errorf("%s: got %v, want error %s", tc.name, got, tc.code)
		}
	}
	if got := fmt.Sprint(e.counts(pid)); got != "[0 1 0]" {
		t.Errorf("after refused frames: got %s, want [0 1 0]", got)
	}

	// Another codelab's attendee cannot reach this poll.
	other := e.newCodelab("")
	status, m := e.do("POST", "/api/codelabs/"+other+"/attendees", "", map[string]string{"name": "Eve"})
	if status != http.StatusCreated {
		t.Fatalf("register Eve: %d %v", status, m)
	}
	eve := e.dial("/ws?token=" + m["token"].(string))
	if got := eve.answerPoll("eve", pid, 0); got["code"] != "poll_not_found" {
		t.Errorf("other codelab: got %v, want poll_not_found", got)
	}

	// Close: answers are refused; show results: attendees get the counts.
	if status, m := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/polls/"+pid+"/close", liveAdminToken, nil); status != 200 {
		t.Fatalf("close: %d %v", status, m)
	}
	closed := bob.waitFor("closed", func(m map[string]any) bool { return m["type"] == "poll" && m["action"] == "closed" })
	if got := bob.answerPoll("late", pid, 0); got["code"] != "poll_closed" {
		t.Errorf("answer to a closed poll: got %v, want poll_closed", got)
	}
	if status, m := e.do("POST", "/api/admin/codelabs/"+e.codelab+"/polls/"+pid+"/show-results", liveAdminToken, nil); status != 200 {
		t.Fatalf("show results: %d %v", status, m)
	}
	shown := bob.waitFor("results shown", func(m map[string]any) bool { return m["type"] == "poll" && m["action"] == "results_shown" })
	if r, ok := shown["results"].(map[string]any); !ok || fmt.Sprint(r["counts"]) != "[0 1 0]" {
		t.Errorf("results_shown frame: got %v, want counts [0 1 0]", shown)
	}

	// Replay: a new socket from the closed frame's seq sees the same events.
	late := e.dialRaw("/ws?token=" + bobTok + "&since=" + itoa(seqOf(closed)))
	if f := late.nextNot("presence"); f["type"] != "poll" || f["action"] != "results_shown" {
		t.Errorf("replay: got %v, want the results_shown poll frame", f)
	}
	// Ann's answers reached only Ann and the facilitator, never Bob.
	bobLog := e.dialRaw("/ws?token=" + bobTok)
	for {
		f := bobLog.next()
		if f["type"] == "ready" {
			break
		}
		if f["type"] == "poll_answer" {
			t.Fatalf("Bob replayed another attendee's answer: %v", f)
		}
	}
	for _, s := range socks[1:] {
		s.c.Close()
	}
	for gone := 0; gone < len(socks)-1; {
		if who := <-e.left; who.ID == annID {
			gone++
		}
	}
	annLog := e.dialRaw("/ws?token=" + annTok)
	mine := annLog.waitType("poll_answer")
	if mine["attendee"].(map[string]any)["id"] != annID {
		t.Errorf("Ann's replay: got %v, want her own answer", mine)
	}
}
