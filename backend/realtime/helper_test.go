package realtime

import "testing"

// TestVisibleForHelper: a helper sees public events, their own and those
// addressed to them, and staff events (the help queue, progress); never
// another person's private event.
func TestVisibleForHelper(t *testing.T) {
	helper := Identity{CodelabID: "c", ID: "h1", Name: "Sam", Helper: true}
	attendee := Identity{CodelabID: "c", ID: "a1", Name: "Ann"}
	for _, tc := range []struct {
		name     string
		ev       Event
		helper   bool
		attendee bool
	}{
		{"public", Event{ActorID: "a2"}, true, true},
		{"staff event for the facilitator", Event{ActorID: "a2", VisibleTo: "admin", Staff: true}, true, false},
		{"private DM between others", Event{ActorID: "admin", VisibleTo: "a2"}, false, false},
		{"DM to the helper", Event{ActorID: "a1", VisibleTo: "h1"}, true, true},
		{"helper's own DM", Event{ActorID: "h1", VisibleTo: "a1"}, true, true},
	} {
		if got := tc.ev.VisibleFor(helper); got != tc.helper {
			t.Errorf("%s: helper sees it = %v, want %v", tc.name, got, tc.helper)
		}
		if got := tc.ev.VisibleFor(attendee); got != tc.attendee {
			t.Errorf("%s: attendee sees it = %v, want %v", tc.name, got, tc.attendee)
		}
	}
	if helper.attendee() || !attendee.attendee() {
		t.Error("a helper must not count as an attendee for presence")
	}
}
