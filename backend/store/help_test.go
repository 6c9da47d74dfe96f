package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

func TestHelpQueue(t *testing.T) {
	s, id, log := newLiveCodelab(t)
	ctx := context.Background()
	var people []model.Person
	for _, n := range []string{"A", "B", "C"} {
		r, err := s.RegisterAttendee(ctx, id, n, "")
		if err != nil {
			t.Fatal(err)
		}
		p := model.Person{ID: r.Attendee.ID, Name: n}
		people = append(people, p)
		if _, _, err := log.Append(ctx, store.HelpOp(id, p, "h", 0)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := log.Append(ctx, store.HelpOp(id, people[0], "h2", 0)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second open request: got %v, want ErrConflict", err)
	}
	open, _ := s.OpenHelp(ctx, id)
	if len(open) != 3 || open[2].Attendee.Name != "C" || open[2].Position != 3 || open[0].Step != 1 {
		t.Fatalf("queue: got %+v, want A, B, C at step 1", open)
	}
	// B may not close A's request; the facilitator may.
	if _, _, err := log.Append(ctx, store.ResolveHelpOp(id, people[1], "r", open[0].ID)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("B resolving A's: got %v, want ErrNotFound", err)
	}
	if _, _, err := log.Append(ctx, store.ResolveHelpOp(id, store.Admin, "", open[0].ID)); err != nil {
		t.Fatal(err)
	}
	open, _ = s.OpenHelp(ctx, id)
	if len(open) != 2 || open[0].Attendee.Name != "B" || open[0].Position != 1 {
		t.Errorf("after resolve: got %+v, want B first", open)
	}
}
