package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// The cached attendee list must follow every committed change: progress,
// new registrations, and a deleted codelab.
func TestRosterFollowsCommits(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	id := newCodelab(t, s, "", 3)
	ann, err := s.RegisterAttendee(ctx, id, "Ann", "")
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.ListAttendees(ctx, id) // fills the cache
	if err != nil || len(first) != 1 || first[0].CurrentStep != 1 {
		t.Fatalf("got %+v %v, want Ann on step 1", first, err)
	}
	first[0].Name = "mutated by caller"

	log := store.NewEventLog(s, nil)
	defer log.Close()
	if _, _, err := log.Append(ctx, store.ProgressOp(id, model.Person{ID: ann.Attendee.ID, Name: "Ann"}, "p1", 2, nil)); err != nil {
		t.Fatal(err)
	}
	bob, err := s.RegisterAttendee(ctx, id, "Bob", "")
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.ListAttendees(ctx, id)
	if err != nil || len(list) != 2 {
		t.Fatalf("got %+v %v, want Ann and Bob", list, err)
	}
	if list[0].Name != "Ann" || list[0].CurrentStep != 2 || len(list[0].CompletedSteps) != 1 {
		t.Fatalf("got %+v, want Ann on step 2 with step 1 complete (and unaffected by the caller's edit)", list[0])
	}
	if list[1].ID != bob.Attendee.ID {
		t.Fatalf("got %s second, want Bob appended", list[1].ID)
	}
	if err := s.DeleteCodelab(ctx, id); err != nil {
		t.Fatal(err)
	}
	if list, err := s.ListAttendees(ctx, id); err != nil || len(list) != 0 {
		t.Fatalf("got %+v %v after delete, want none", list, err)
	}
}

// AttendeesJSON joins pre-encoded rows; it must equal encoding the list.
func TestAttendeesJSONMatchesEncoding(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	id := newCodelab(t, s, "", 3)
	if got, err := s.AttendeesJSON(ctx, id, nil); err != nil || string(got) != "[]" {
		t.Fatalf("got %s %v, want []", got, err)
	}
	var ids []string
	for _, name := range []string{"Ann", `Bo "the" <b>`, "Zoë"} {
		reg, err := s.RegisterAttendee(ctx, id, name, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, reg.Attendee.ID)
	}
	online := map[string]bool{ids[1]: true}
	got, err := s.AttendeesJSON(ctx, id, online)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.ListAttendees(ctx, id)
	for i := range list {
		list[i].Online = online[list[i].ID]
	}
	want, _ := json.Marshal(list)
	if string(got) != string(want) {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}
