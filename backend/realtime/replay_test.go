package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// gatedLog is a handler whose log holds seqs 1..n; replays of identities
// named "slow*" wait for open to be closed, and it records how many
// replay reads ran at once.
type gatedLog struct {
	n    int64
	open chan struct{}

	mu        sync.Mutex
	inFlight  int
	maxFlight int
}

func frame(seq int64) []byte {
	b, _ := json.Marshal(map[string]any{"type": "chat", "seq": seq, "text": fmt.Sprint("m", seq)})
	return b
}

func (g *gatedLog) Handle(context.Context, Identity, Message) (int64, error) { return 0, nil }

func (g *gatedLog) Replay(ctx context.Context, who Identity, since int64, limit int) ([]Event, error) {
	g.mu.Lock()
	g.inFlight++
	g.maxFlight = max(g.maxFlight, g.inFlight)
	n := g.n
	g.mu.Unlock()
	defer func() { g.mu.Lock(); g.inFlight--; g.mu.Unlock() }()
	if strings.HasPrefix(who.ID, "slow") {
		<-g.open
	}
	var out []Event
	for s := since + 1; s <= n && len(out) < limit; s++ {
		out = append(out, Event{CodelabID: "c", Seq: s, ActorID: "x", Frame: frame(s)})
	}
	return out, nil
}

// waitFor polls cond until it holds; the deadline only guards a hung test.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// readSeqs reads up to the first frame of type until and returns the seqs
// before it, that frame and how many presence frames came before it.
func readSeqs(t *testing.T, c *websocket.Conn, until string) (seqs []int64, last map[string]any, presence int) {
	t.Helper()
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		var m map[string]any
		if err := c.ReadJSON(&m); err != nil {
			t.Fatalf("read: %v", err)
		}
		if m["type"] == until {
			return seqs, m, presence
		}
		if m["type"] == "presence" {
			presence++
		}
		if s, ok := m["seq"].(float64); ok {
			seqs = append(seqs, int64(s))
		}
	}
}

// TestReplayStorm: many reconnects replay through a bounded number of
// readers; while their reads are stuck, a live client still gets new
// events at once, and each replaying client then gets every seq exactly
// once, in order, before its ready frame.
func TestReplayStorm(t *testing.T) {
	const slow = 6
	log := &gatedLog{n: 3, open: make(chan struct{})}
	hub := NewHub(Options{ReplayReaders: 2})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hub.Serve(w, r, Identity{CodelabID: "c", ID: r.URL.Query().Get("id")}, 0, log)
	}))
	var once sync.Once
	release := func() { once.Do(func() { close(log.open) }) }
	defer func() {
		release() // also when the test failed with replays still stuck
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hub.Close(ctx)
		srv.Close()
	}()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "?id="
	dial := func(id string) *websocket.Conn {
		c, _, err := websocket.DefaultDialer.Dial(url+id, nil)
		if err != nil {
			t.Fatalf("dial %s: %v", id, err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}

	live := dial("live")
	if got, _, _ := readSeqs(t, live, "ready"); len(got) != 3 {
		t.Fatalf("live client replay: got %v, want 1..3", got)
	}
	var conns []*websocket.Conn
	for i := range slow {
		conns = append(conns, dial(fmt.Sprint("slow", i)))
	}
	waitFor(t, "2 replays reading and 4 waiting", func() bool {
		r, w := hub.ReplayStats()
		return r == 2 && w == slow-2
	})

	// Live delivery does not wait for the stuck replays.
	log.mu.Lock()
	log.n = 4
	log.mu.Unlock()
	hub.Publish(Event{CodelabID: "c", Seq: 4, ActorID: "x", Frame: frame(4)})
	for {
		live.SetReadDeadline(time.Now().Add(10 * time.Second))
		var m map[string]any
		if err := live.ReadJSON(&m); err != nil {
			t.Fatalf("live client during the replay storm: %v, want seq 4", err)
		}
		if m["type"] == "presence" { // the others joining
			continue
		}
		if m["seq"] != 4.0 {
			t.Fatalf("live client during the replay storm: got %v, want seq 4", m)
		}
		break
	}

	release()
	for i, c := range conns {
		got, ready, presence := readSeqs(t, c, "ready")
		if fmt.Sprint(got) != "[1 2 3 4]" {
			t.Errorf("replaying client %d: got seqs %v, want [1 2 3 4] exactly once", i, got)
		}
		// The others joined while it replayed: no presence frames queued
		// for it, the ready frame lists everyone instead.
		online, _ := ready["online"].([]any)
		if presence != 0 || len(online) != slow+1 {
			t.Errorf("replaying client %d: got %d presence frames and online %v, want 0 and all %d", i, presence, online, slow+1)
		}
	}
	log.mu.Lock()
	maxFlight := log.maxFlight
	log.mu.Unlock()
	if maxFlight > 2 {
		t.Errorf("replay reads at once: got %d, want at most ReplayReaders = 2", maxFlight)
	}
	if r, w := hub.ReplayStats(); r != 0 || w != 0 {
		t.Errorf("after the storm: got %d reading and %d waiting, want 0 and 0", r, w)
	}
}
