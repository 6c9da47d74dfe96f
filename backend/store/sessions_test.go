package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// TestSessionsKeepSeqsAndArchive checks the two ways rows leave the live
// tables: the last seq is never handed out again, and the archive holds
// what the room had.
func TestSessionsKeepSeqsAndArchive(t *testing.T) {
	s, id, log := newLiveCodelab(t)
	ctx := context.Background()
	reg, err := s.RegisterAttendee(ctx, id, "Ann", "")
	if err != nil {
		t.Fatal(err)
	}
	ann := model.Person{ID: reg.Attendee.ID, Name: "Ann"}
	if _, _, err := log.Append(ctx, store.HelpOp(id, ann, "h", 0)); err != nil {
		t.Fatal(err)
	}
	last, _, err := log.Append(ctx, store.ChatOp(id, ann, "c1", "last words"))
	if err != nil {
		t.Fatal(err)
	}

	var sess model.Session
	ev, _, err := log.Append(ctx, store.StartSessionOp(id, "", &sess))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Seq != last.Seq+1 || ev.Type != "session_started" || !sess.Current {
		t.Fatalf("session_started: got seq %d type %s, want seq %d", ev.Seq, ev.Type, last.Seq+1)
	}
	if n, err := s.LastSeq(ctx, id); err != nil || n != ev.Seq {
		t.Errorf("last seq: got %d %v, want %d", n, err, ev.Seq)
	}
	if list, _ := s.ListAttendees(ctx, id); len(list) != 0 {
		t.Errorf("attendees after new session: got %d, want 0", len(list))
	}
	if _, err := s.AttendeeByToken(ctx, reg.Token); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old token: got %v, want ErrNotFound", err)
	}
	list, err := s.Sessions(ctx, id)
	if err != nil || len(list) != 2 || list[0].ID != sess.ID || list[1].Current {
		t.Fatalf("sessions: got %+v %v, want the new one then the archived one", list, err)
	}
	old, err := s.Session(ctx, id, list[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Attendees) != 1 || old.Attendees[0].Name != "Ann" || len(old.Help) != 1 || len(old.Messages) != 1 ||
		old.ChatCount != 1 || old.EndedAt == nil {
		t.Errorf("archive: got %+v, want Ann, one help request, one chat, ended", old)
	}

	// Removing with chat=delete when that chat is the log's last event.
	reg2, err := s.RegisterAttendee(ctx, id, "Bo", "")
	if err != nil {
		t.Fatal(err)
	}
	bo := model.Person{ID: reg2.Attendee.ID, Name: "Bo"}
	c2, _, err := log.Append(ctx, store.ChatOp(id, bo, "c2", "gone soon"))
	if err != nil {
		t.Fatal(err)
	}
	rm, _, err := log.Append(ctx, store.RemoveAttendeeOp(id, bo.ID, true))
	if err != nil || rm.Seq != c2.Seq+1 {
		t.Fatalf("remove: got seq %d %v, want %d", rm.Seq, err, c2.Seq+1)
	}
	if _, _, err := log.Append(ctx, store.RemoveAttendeeOp(id, bo.ID, true)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("remove twice: got %v, want ErrNotFound", err)
	}
	if cur, _ := s.Session(ctx, id, store.CurrentSessionID); len(cur.Messages) != 0 {
		t.Errorf("messages after delete: got %s, want none", cur.Messages)
	}
}
