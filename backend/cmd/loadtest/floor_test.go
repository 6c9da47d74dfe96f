package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestReconnectWithSinceCompletesDelivery drives the floor with the
// harness's own clients: the server drops one socket mid-run, the client
// redials with since and the replay completes its delivery exactly once.
func TestReconnectWithSinceCompletesDelivery(t *testing.T) {
	f, mux := newFloor()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a := newAPI(srv.URL, f.token)
	people, err := a.register(ctx, "floor", 2)
	if err != nil {
		t.Fatal(err)
	}
	const msgs = 10
	clk := &clock{start: time.Now(), chatAt: make([]atomic.Int64, msgs), progAt: make([]atomic.Int64, 1)}
	clients := []*wsClient{{who: people[0]}, {who: people[1]}}
	urls := []string{attendeeURL(srv.URL, people[0]), attendeeURL(srv.URL, people[1])}
	if ok, errs := connectAll(ctx, clients, urls, clk, msgs, false); ok != 2 {
		t.Fatalf("connected %d of 2: %v", ok, errs)
	}
	sender, victim := clients[0], clients[1]
	chat := func(i int) {
		clk.chatAt[i].Store(max(clk.now(), 1))
		if err := sender.send(map[string]any{"type": "chat", "cid": fmt.Sprintf("c%d", i), "text": fmt.Sprintf("m%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	waitReceived := func(c *wsClient, n int64) {
		for c.received.Load() < n {
			select {
			case <-ctx.Done():
				t.Fatalf("received %d, want %d", c.received.Load(), n)
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	for i := range 4 {
		chat(i)
	}
	waitReceived(victim, 4)
	// The server cuts the victim's socket; later chats reach it by replay.
	f.mu.Lock()
	for c := range f.conns {
		if c.who.ID == victim.who.ID {
			c.cut()
		}
	}
	f.mu.Unlock()
	for i := 4; i < msgs; i++ {
		chat(i)
	}
	waitReceived(sender, msgs)
	waitReceived(victim, msgs)
	closeAll(clients)
	if victim.reconnects != 1 || victim.dropped.Load() != 0 || victim.dups != 0 {
		t.Errorf("victim: %d reconnects, dropped %d, %d duplicates; want 1, 0, 0", victim.reconnects, victim.dropped.Load(), victim.dups)
	}
	if sender.reconnects != 0 {
		t.Errorf("sender reconnected %d times", sender.reconnects)
	}
	var r result
	r.chats = msgs
	r.collect(clients, clk, listPoller{})
	if r.delivery() != 1 || r.reconnects != 1 || r.dups != 0 {
		t.Errorf("result: delivery %.3f, %d reconnects, %d dups; want 1, 1, 0", r.delivery(), r.reconnects, r.dups)
	}
}
