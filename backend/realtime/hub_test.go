package realtime

import (
	"testing"
	"time"
)

func TestVisibleFor(t *testing.T) {
	ann := Identity{CodelabID: "c", ID: "ann"}
	ben := Identity{CodelabID: "c", ID: "ben"}
	cat := Identity{CodelabID: "c", ID: "cat"}
	admin := Identity{CodelabID: "c", ID: "admin", Admin: true}
	for _, tc := range []struct {
		name string
		ev   Event
		who  Identity
		want bool
	}{
		{"room chat to bystander", Event{ActorID: "ann"}, cat, true},
		{"dm to recipient", Event{ActorID: "ann", VisibleTo: "ben"}, ben, true},
		{"dm to sender", Event{ActorID: "ann", VisibleTo: "ben"}, ann, true},
		{"dm to bystander", Event{ActorID: "ann", VisibleTo: "ben"}, cat, false},
		{"dm to admin", Event{ActorID: "ann", VisibleTo: "ben"}, admin, true},
		{"progress to other attendee", Event{ActorID: "ann", VisibleTo: "admin"}, ben, false},
	} {
		if got := tc.ev.VisibleFor(tc.who); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestTokenBucket(t *testing.T) {
	h := NewHub(Options{Rate: 0.0001, Burst: 3})
	c := &client{hub: h, tokens: 3, last: time.Now()}
	allowed := 0
	for range 10 {
		if c.allow() {
			allowed++
		}
	}
	if allowed != 3 {
		t.Errorf("allowed: got %d of 10, want the burst of 3", allowed)
	}
}
