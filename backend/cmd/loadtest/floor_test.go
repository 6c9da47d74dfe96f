package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
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

// TestFloorReplayLongerThanQueue: a socket resuming with more frames to
// catch up on than its live queue holds gets all of them and the ready
// frame, instead of being cut again (which made the floor lose deliveries
// in the burst: every redial was cut, until the client gave up).
func TestFloorReplayLongerThanQueue(t *testing.T) {
	f, mux := newFloor()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	people, err := newAPI(srv.URL, f.token).register(ctx, "floor", 1)
	if err != nil {
		t.Fatal(err)
	}
	const frames = floorQueue * 3
	f.mu.Lock()
	for i := range frames {
		f.frames = append(f.frames, fmt.Appendf(nil, `{"type":"chat","seq":%d,"text":"m%d"}`, i+1, i))
	}
	f.mu.Unlock()
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, attendeeURL(srv.URL, people[0])+"&since=10", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	for want := int64(11); ; want++ {
		_, data, err := conn.ReadMessage()
		if err != nil {
			t.Fatalf("after seq %d of %d: %v", want-1, frames, err)
		}
		if string(field(data, "type")) == "ready" {
			if want != frames+1 {
				t.Fatalf("ready after seq %d, want %d", want-1, frames)
			}
			return
		}
		if seq, _ := seqField(data); seq != want {
			t.Fatalf("got seq %d, want %d", seq, want)
		}
	}
}

// TestChatSentOnACutSocketIsResent: a chat written to a socket the server
// has just cut never arrives; the client sends it again with the same cid
// after its redial, so it reaches everyone once (the floor, like the
// product, acks a repeated cid without repeating the chat).
func TestChatSentOnACutSocketIsResent(t *testing.T) {
	f, mux := newFloor()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	people, err := newAPI(srv.URL, f.token).register(ctx, "floor", 2)
	if err != nil {
		t.Fatal(err)
	}
	const msgs = 2
	clk := &clock{start: time.Now(), chatAt: make([]atomic.Int64, msgs), progAt: make([]atomic.Int64, 1)}
	clients := []*wsClient{{who: people[0]}, {who: people[1]}}
	urls := []string{attendeeURL(srv.URL, people[0]), attendeeURL(srv.URL, people[1])}
	if ok, errs := connectAll(ctx, clients, urls, clk, msgs, false); ok != 2 {
		t.Fatalf("connected %d of 2: %v", ok, errs)
	}
	sender, other := clients[0], clients[1]
	f.mu.Lock()
	for c := range f.conns {
		if c.who.ID == sender.who.ID {
			c.cut() // the server closes first; the chat below goes nowhere
		}
	}
	f.mu.Unlock()
	clk.chatAt[0].Store(max(clk.now(), 1))
	_ = sender.send(map[string]any{"type": "chat", "cid": "c0", "text": "m0"}) // may fail: resent either way
	for other.received.Load() < 1 || sender.received.Load() < 1 {
		select {
		case <-ctx.Done():
			t.Fatalf("received %d and %d, want the chat at both", sender.received.Load(), other.received.Load())
		case <-time.After(5 * time.Millisecond):
		}
	}
	// A second send of the same cid (as after another reconnect) is acked, not repeated.
	if err := sender.send(map[string]any{"type": "chat", "cid": "c0", "text": "m0"}); err != nil {
		t.Fatal(err)
	}
	clk.chatAt[1].Store(max(clk.now(), 1))
	if err := sender.send(map[string]any{"type": "chat", "cid": "c1", "text": "m1"}); err != nil {
		t.Fatal(err)
	}
	for other.received.Load() < 2 {
		select {
		case <-ctx.Done():
			t.Fatalf("received %d, want 2", other.received.Load())
		case <-time.After(5 * time.Millisecond):
		}
	}
	closeAll(clients)
	if sender.reconnects != 1 || other.dups != 0 || sender.dups != 0 || len(f.frames) != 2 {
		t.Errorf("sender %d reconnects, dups %d/%d, floor frames %d; want 1, 0/0, 2", sender.reconnects, sender.dups, other.dups, len(f.frames))
	}
}
