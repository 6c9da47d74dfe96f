package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

func newCodelab(t *testing.T, s *store.Store, code string, steps int) string {
	t.Helper()
	c := &model.Codelab{Title: "Live", IsPublic: true, AccessCode: code}
	for i := range steps {
		c.Steps = append(c.Steps, model.Step{Title: "s" + string(rune('1'+i)), Markdown: "x"})
	}
	if err := s.CreateCodelab(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// newLiveCodelab is the set-up of the tests of a live room: a fresh store, a
// public two-step codelab (its id) and an event log closed when the test ends.
func newLiveCodelab(t *testing.T) (*store.Store, string, *store.EventLog) {
	t.Helper()
	s := storetest.New(t)
	id := newCodelab(t, s, "", 2)
	log := store.NewEventLog(s, nil)
	t.Cleanup(log.Close)
	return s, id, log
}

func TestRegisterAttendee(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	id := newCodelab(t, s, "Secret", 3)

	reg, err := s.RegisterAttendee(ctx, id, "  Alice   Smith ", " secret ")
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	if reg.Attendee.Name != "Alice Smith" {
		t.Errorf("name: got %q, want %q", reg.Attendee.Name, "Alice Smith")
	}
	if len(reg.Token) != 64 || len(reg.ContinueCode) != 6 {
		t.Errorf("token/code lengths: got %d/%d, want 64/6", len(reg.Token), len(reg.ContinueCode))
	}
	var plain, hashed int
	s.DB().QueryRow(`SELECT COUNT(*) FROM attendee_tokens WHERE token_hash = ?`, reg.Token).Scan(&plain)
	s.DB().QueryRow(`SELECT COUNT(*) FROM attendee_tokens WHERE token_hash = ?`, store.HashToken(reg.Token)).Scan(&hashed)
	if plain != 0 || hashed != 1 {
		t.Errorf("stored token rows: plaintext %d hashed %d, want 0 and 1", plain, hashed)
	}

	if _, err := s.RegisterAttendee(ctx, id, "ALICE SMITH", "secret"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate name: got %v, want ErrConflict", err)
	}
	if _, err := s.RegisterAttendee(ctx, id, "Bob", "nope"); !errors.Is(err, store.ErrWrongCode) {
		t.Errorf("wrong code: got %v, want ErrWrongCode", err)
	}
	if _, err := s.RegisterAttendee(ctx, id, strings.Repeat("é", 61), "secret"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("61-rune name: got %v, want ErrInvalid", err)
	}
	if _, err := s.RegisterAttendee(ctx, id, strings.Repeat("é", 60), "secret"); err != nil {
		t.Errorf("60-rune name: got %v, want nil", err)
	}

	again, err := s.ContinueAttendee(ctx, id, strings.ToLower(reg.ContinueCode))
	if err != nil {
		t.Fatalf("continue: %v", err)
	}
	if again.Attendee.ID != reg.Attendee.ID || again.Token == reg.Token {
		t.Errorf("continue: got attendee %s token reused %v, want same attendee and a new token", again.Attendee.ID, again.Token == reg.Token)
	}
	for _, tok := range []string{reg.Token, again.Token} {
		a, err := s.AttendeeByToken(ctx, tok)
		if err != nil || a.ID != reg.Attendee.ID {
			t.Errorf("token lookup: got %v %v, want attendee %s", a, err, reg.Attendee.ID)
		}
	}
}

func TestProgressOp(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	id := newCodelab(t, s, "", 3)
	reg, err := s.RegisterAttendee(ctx, id, "Ann", "")
	if err != nil {
		t.Fatal(err)
	}
	log := store.NewEventLog(s, nil)
	defer log.Close()
	who := model.Person{ID: reg.Attendee.ID, Name: "Ann"}
	if _, _, err := log.Append(ctx, store.ProgressOp(id, who, "p1", 2, nil)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := log.Append(ctx, store.ProgressOp(id, who, "p2", 3, []int{3})); err != nil {
		t.Fatal(err)
	}
	if _, _, err := log.Append(ctx, store.ProgressOp(id, who, "p3", 4, nil)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("step 4 of 3: got %v, want ErrInvalid", err)
	}
	list, err := s.ListAttendees(ctx, id)
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	if got := list[0]; got.CurrentStep != 3 || len(got.CompletedSteps) != 3 {
		t.Errorf("progress: got step %d completed %v, want 3 and [1 2 3]", got.CurrentStep, got.CompletedSteps)
	}
}
