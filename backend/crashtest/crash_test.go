package crashtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const (
	numAttendees = 50
	numSteps     = 5
	crashAfter   = 300 // acks before the SIGKILL
)

// script is what one attendee sends: chat and progress through steps 2..5
// (moving forward one step at a time), then more chat.
func script(name string) []frame {
	var out []frame
	chat := func() {
		cid := fmt.Sprintf("%s-%d", name, len(out))
		out = append(out, frame{CID: cid, Type: "chat", Text: "hello from " + cid})
	}
	for step := 2; step <= numSteps; step++ {
		chat()
		out = append(out, frame{CID: fmt.Sprintf("%s-%d", name, len(out)), Type: "progress", Step: step})
	}
	for range 4 {
		chat()
	}
	return out
}

func TestSIGKILLLosesNoAckedMessage(t *testing.T) {
	deadline := time.Now().Add(45 * time.Second)
	dataDir := t.TempDir()
	s1 := startServer(t, dataDir, "127.0.0.1:0")

	var cl struct {
		ID string `json:"id"`
	}
	call(t, "POST", s1.base+"/api/admin/codelabs", adminToken, map[string]any{"title": "Crash test", "is_public": true}, &cl, http.StatusCreated)
	var steps []map[string]any
	for i := 1; i <= numSteps; i++ {
		steps = append(steps, map[string]any{"title": fmt.Sprintf("Step %d", i), "markdown": "Do it."})
	}
	call(t, "PUT", s1.base+"/api/admin/codelabs/"+cl.ID+"/steps", adminToken, map[string]any{"steps": steps}, nil, http.StatusOK)

	clients := make([]*attendeeClient, numAttendees)
	for i := range clients {
		var reg struct {
			Attendee apiAttendee `json:"attendee"`
			Token    string      `json:"token"`
		}
		name := fmt.Sprintf("att-%02d", i)
		call(t, "POST", s1.base+"/api/codelabs/"+cl.ID+"/attendees", "", map[string]any{"name": name}, &reg, http.StatusCreated)
		clients[i] = newClient(reg.Attendee.ID, name, reg.Token, script(name))
	}

	// Before the crash: everyone sends their whole script at once (12
	// frames, within the rate limit's burst of 20) until the server has
	// acked crashAfter frames; then SIGKILL with hundreds in flight.
	var acks atomic.Int64
	crash := make(chan struct{})
	var crashOnce sync.Once
	onAck := func() {
		if acks.Add(1) >= crashAfter {
			crashOnce.Do(func() { close(crash) })
		}
	}
	for _, c := range clients {
		c.connect(t, s1.base, onAck)
	}
	for _, c := range clients {
		waitChan(t, c.ready, deadline, c.name+": first ready")
	}
	stop := make(chan struct{})
	var senders sync.WaitGroup
	for _, c := range clients {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for c.sendNext() {
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	waitChan(t, crash, deadline, fmt.Sprintf("%d acks", crashAfter))
	s1.kill()
	close(stop)
	senders.Wait()
	for _, c := range clients {
		waitChan(t, c.gone, deadline, c.name+": connection end after SIGKILL")
		c.conn.Close()
	}

	// What each client knew when the server died.
	type before struct {
		acked   map[string]int64
		lastSeq int64
		sent    int
	}
	pre := map[string]before{}
	totalAcked, inFlight := 0, 0
	for _, c := range clients {
		c.mu.Lock()
		pre[c.id] = before{acked: clone(c.acked), lastSeq: c.lastSeq, sent: c.next}
		for seq, n := range c.seen {
			if n != 1 {
				t.Errorf("%s before the crash: seq %d arrived %d times, want 1", c.name, seq, n)
			}
		}
		for _, e := range c.errors {
			t.Errorf("%s before the crash: %s", c.name, e)
		}
		c.errors = nil
		totalAcked += len(c.acked)
		inFlight += c.next - len(c.acked)
		c.mu.Unlock()
	}
	t.Logf("killed after %d acks; %d frames were sent but not acked", totalAcked, inFlight)

	s2 := startServer(t, dataDir, "127.0.0.1:"+s1.port)

	// Durability: before anyone re-sends, every acked chat and progress is there.
	hist := messages(t, s2, cl.ID)
	bySeq, textCount := map[int64]historyMsg{}, map[string]int{}
	for _, m := range hist {
		bySeq[m.Seq] = m
		textCount[m.Text]++
	}
	atts := attendees(t, s2, cl.ID)
	for _, c := range clients {
		maxStep := 1
		for _, f := range c.script {
			seq, ok := pre[c.id].acked[f.CID]
			if !ok {
				continue
			}
			switch f.Type {
			case "chat":
				if got := bySeq[seq]; got.Text != f.Text || got.From.ID != c.id {
					t.Errorf("after restart, seq %d (acked for %s): got %q from %s, want %q from %s", seq, f.CID, got.Text, got.From.ID, f.Text, c.id)
				}
				if n := textCount[f.Text]; n != 1 {
					t.Errorf("after restart, acked chat %q is in the history %d times, want 1", f.Text, n)
				}
			case "progress":
				maxStep = max(maxStep, f.Step)
			}
		}
		a := atts[c.id]
		if a.CurrentStep < maxStep {
			t.Errorf("after restart, %s current_step %d, want >= %d (acked)", c.name, a.CurrentStep, maxStep)
		}
		for s := 1; s < maxStep; s++ {
			if !slices.Contains(a.CompletedSteps, s) {
				t.Errorf("after restart, %s completed_steps %v, want step %d (acked move to %d)", c.name, a.CompletedSteps, s, maxStep)
			}
		}
	}

	// The log right after the restart: seqs 1..last without gaps.
	restarted := adminReplay(t, s2.base, cl.ID, deadline)
	for i, e := range restarted {
		if e.Seq != int64(i+1) {
			t.Fatalf("after restart, event %d has seq %d, want %d (no gaps)", i, e.Seq, i+1)
		}
	}
	lastBefore := int64(len(restarted))

	// Reconnect with since and re-send the whole script with the same cids:
	// frames acked before the crash must be acked again with the same seq
	// (read records a mismatch), in-flight ones are stored at most once.
	for _, c := range clients {
		c.connect(t, s2.base, nil)
	}
	for _, c := range clients {
		waitChan(t, c.ready, deadline, c.name+": ready after restart")
		c.mu.Lock()
		if got, since := c.readyAt[2], pre[c.id].lastSeq; got < since {
			t.Errorf("%s: ready seq %d after reconnecting with since=%d, want >= since", c.name, got, since)
		}
		c.next = len(c.script)
		for _, f := range c.script {
			if err := c.write(f); err != nil {
				t.Fatalf("%s: send %s after restart: %v", c.name, f.CID, err)
			}
		}
		c.mu.Unlock()
	}
	committedUnacked := 0
	for _, c := range clients {
		c.waitUntil(t, deadline, "every frame acked after the restart", func() bool {
			for _, f := range c.script {
				if c.ackedAt[f.CID] != 2 {
					return false
				}
			}
			return true
		})
		c.mu.Lock()
		for _, f := range c.script[:pre[c.id].sent] {
			if _, ok := pre[c.id].acked[f.CID]; !ok && c.acked[f.CID] <= lastBefore {
				committedUnacked++
			}
		}
		c.mu.Unlock()
	}
	t.Logf("%d in-flight frames had been committed before the kill (ack lost), re-sent without duplicates", committedUnacked)

	// The whole log as the facilitator's replay since 0 shows it.
	events := adminReplay(t, s2.base, cl.ID, deadline)
	checkFinalState(t, s2, cl.ID, clients, events)
	for _, c := range clients {
		want := visibleTo(events, c.id)
		c.waitUntil(t, deadline, "every visible event", func() bool {
			for seq := range want {
				if c.seen[seq] == 0 {
					return false
				}
			}
			return true
		})
		c.mu.Lock()
		for seq, n := range c.seen {
			switch {
			case !want[seq]:
				t.Errorf("%s got seq %d, which the history says it may not see", c.name, seq)
			case n != 1:
				t.Errorf("%s got seq %d %d times, want once", c.name, seq, n)
			case c.seenIn[seq] == 2 && seq <= pre[c.id].lastSeq:
				t.Errorf("%s got seq %d again after reconnecting with since=%d", c.name, seq, pre[c.id].lastSeq)
			}
		}
		for _, e := range c.errors {
			t.Errorf("%s after restart: %s", c.name, e)
		}
		c.mu.Unlock()
		c.conn.Close()
	}
}

// checkFinalState: after every frame was acked, each chat is in the history
// exactly once under its acked seq, and progress ended on the last step.
func checkFinalState(t *testing.T, s *server, codelab string, clients []*attendeeClient, events []wsEvent) {
	t.Helper()
	hist := messages(t, s, codelab)
	textSeqs := map[string][]int64{}
	for _, m := range hist {
		textSeqs[m.Text] = append(textSeqs[m.Text], m.Seq)
	}
	chats, progress := 0, map[string]int{}
	for _, e := range events {
		if e.Type == "progress" {
			progress[e.Attendee.ID]++
		}
	}
	atts := attendees(t, s, codelab)
	for _, c := range clients {
		c.mu.Lock()
		for _, f := range c.script {
			if f.Type != "chat" {
				continue
			}
			chats++
			if got, want := textSeqs[f.Text], []int64{c.acked[f.CID]}; !slices.Equal(got, want) {
				t.Errorf("chat %s: history seqs %v, want %v (its ack)", f.CID, got, want)
			}
		}
		c.mu.Unlock()
		if got, want := progress[c.id], numSteps-1; got != want {
			t.Errorf("%s: %d progress events in the log, want %d (one per step move)", c.name, got, want)
		}
		a := atts[c.id]
		if a.CurrentStep != numSteps || !slices.Equal(a.CompletedSteps, []int{1, 2, 3, 4}) {
			t.Errorf("%s: current_step %d, completed %v; want %d, [1 2 3 4]", c.name, a.CurrentStep, a.CompletedSteps, numSteps)
		}
	}
	if len(hist) != chats {
		t.Errorf("history has %d messages, want %d (one per chat cid)", len(hist), chats)
	}
}

// adminReplay reads every event of the codelab through the facilitator's
// WebSocket with since=0, up to its ready frame.
func adminReplay(t *testing.T, base, codelab string, deadline time.Time) []wsEvent {
	t.Helper()
	u := strings.Replace(base, "http://", "ws://", 1) + "/api/admin/ws?token=" + adminToken + "&codelab=" + url.QueryEscape(codelab) + "&since=0"
	conn, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		t.Fatalf("admin ws: %v", err)
	}
	defer conn.Close()
	conn.SetReadDeadline(deadline)
	var out []wsEvent
	last := int64(0)
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			t.Fatalf("admin replay: %v", err)
		}
		var ev wsEvent
		if err := json.Unmarshal(data, &ev); err != nil {
			t.Fatalf("admin replay frame %q: %v", data, err)
		}
		if ev.Type == "ready" {
			if ev.Seq != last {
				t.Errorf("admin ready seq %d, want %d (the last replayed)", ev.Seq, last)
			}
			return out
		}
		if ev.Seq == 0 {
			continue // presence
		}
		if ev.Seq <= last {
			t.Fatalf("admin replay: seq %d after %d", ev.Seq, last)
		}
		last = ev.Seq
		out = append(out, ev)
	}
}

// visibleTo applies docs/realtime.md's audience rules to the full log.
func visibleTo(events []wsEvent, id string) map[int64]bool {
	out := map[int64]bool{}
	for _, e := range events {
		switch e.Type {
		case "chat", "announcement", "codelab_updated":
			out[e.Seq] = true
		case "progress", "help", "help_resolved":
			if e.Attendee.ID == id {
				out[e.Seq] = true
			}
		case "dm":
			if e.From.ID == id || e.To.ID == id {
				out[e.Seq] = true
			}
		}
	}
	return out
}

func waitChan(t *testing.T, ch <-chan struct{}, deadline time.Time, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Until(deadline)):
		t.Fatalf("%s: not reached before the deadline", what)
	}
}

func clone[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
