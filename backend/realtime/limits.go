package realtime

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// attendeeKey names one attendee of one codelab in the hub's maps.
type attendeeKey struct{ codelab, id string }

func keyOf(who Identity) attendeeKey { return attendeeKey{who.CodelabID, who.ID} }

// bucket is a token bucket shared by all of one attendee's connections.
type bucket struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
}

// take refills at rate per second up to burst and takes one token.
func (b *bucket) take(now time.Time, rate float64, burst int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	elapsed := max(0, now.Sub(b.last).Seconds()) // a clock step back refills nothing
	b.tokens = min(float64(burst), b.tokens+elapsed*rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// full reports whether the bucket has refilled completely: forgetting it
// then changes nothing, since a new bucket starts full.
func (b *bucket) full(now time.Time, rate float64, burst int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens+max(0, now.Sub(b.last).Seconds())*rate >= float64(burst)
}

// limits holds the per-attendee state: open connections (reserved before
// the upgrade) and the shared rate bucket. Buckets outlive connections so
// closing and reopening sockets does not refill them.
type limits struct {
	mu      sync.Mutex
	conns   map[attendeeKey]int
	buckets map[attendeeKey]*bucket
}

// reserve counts a new connection of an attendee, or refuses it when the
// attendee already has MaxConnsPerAttendee. The facilitator has no cap.
func (h *Hub) reserve(who Identity) error {
	if who.Admin {
		return nil
	}
	l := &h.limits
	l.mu.Lock()
	defer l.mu.Unlock()
	k := keyOf(who)
	if l.conns[k] >= h.opts.MaxConnsPerAttendee {
		return &Error{Code: "too_many_sockets", Message: fmt.Sprintf(
			"You already have %d live connections (tabs or devices) open; close one and try again.", h.opts.MaxConnsPerAttendee)}
	}
	l.conns[k]++
	return nil
}

// release undoes reserve when the connection ends.
func (h *Hub) release(who Identity) {
	if who.Admin {
		return
	}
	l := &h.limits
	l.mu.Lock()
	defer l.mu.Unlock()
	k := keyOf(who)
	if l.conns[k]--; l.conns[k] <= 0 {
		delete(l.conns, k)
	}
}

// attendeeBucket returns who's shared bucket (nil for the facilitator).
func (h *Hub) attendeeBucket(who Identity) *bucket {
	if who.Admin {
		return nil
	}
	l := &h.limits
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if len(l.buckets) > 10000 {
		for k, b := range l.buckets {
			if l.conns[k] == 0 && b.full(now, h.opts.AttendeeRate, h.opts.AttendeeBurst) {
				delete(l.buckets, k)
			}
		}
	}
	k := keyOf(who)
	b := l.buckets[k]
	if b == nil {
		b = &bucket{tokens: float64(h.opts.AttendeeBurst), last: now}
		l.buckets[k] = b
	}
	return b
}

// Connections returns how many connections attendeeID has open (or is
// opening) in codelabID.
func (h *Hub) Connections(codelabID, attendeeID string) int {
	h.limits.mu.Lock()
	defer h.limits.mu.Unlock()
	return h.limits.conns[attendeeKey{codelabID, attendeeID}]
}

// replayGate bounds how many replay pages are read at once, so a storm of
// reconnects cannot take every database connection (the attendee token
// lookup of the next handshake needs one too). Waiting connections keep
// buffering live frames; nothing holds the hub's lock meanwhile.
type replayGate struct {
	slots   chan struct{}
	mu      sync.Mutex
	reading int
	waiting int
}

func (g *replayGate) count(reading, waiting int) {
	g.mu.Lock()
	g.reading += reading
	g.waiting += waiting
	g.mu.Unlock()
}

// page runs one Replay call when a slot is free; it gives up when ctx ends
// or the client was cut off while waiting.
func (g *replayGate) page(ctx context.Context, quit <-chan struct{}, read func() ([]Event, error)) ([]Event, error) {
	g.count(0, 1)
	select {
	case g.slots <- struct{}{}:
		g.count(1, -1)
	case <-ctx.Done():
		g.count(0, -1)
		return nil, ctx.Err()
	case <-quit:
		g.count(0, -1)
		return nil, errCutOff
	}
	defer func() { <-g.slots; g.count(-1, 0) }()
	return read()
}

// ReplayStats reports how many connections are reading a replay page now
// and how many wait for a free reader.
func (h *Hub) ReplayStats() (reading, waiting int) {
	h.replay.mu.Lock()
	defer h.replay.mu.Unlock()
	return h.replay.reading, h.replay.waiting
}
