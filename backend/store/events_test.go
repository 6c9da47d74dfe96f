package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// TestEventLogOrderAndIdempotence sends many concurrent appends (so the
// writer batches them) and checks seqs are dense, published in order, and
// that a repeated cid returns the first event without a new row.
func TestEventLogOrderAndIdempotence(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	id := newCodelab(t, s, "", 1)
	var mu sync.Mutex
	var published []int64
	log := store.NewEventLog(s, func(e store.Event) {
		mu.Lock()
		published = append(published, e.Seq)
		mu.Unlock()
	})
	defer log.Close()
	who := model.Person{ID: "a1", Name: "A"}
	const n = 200
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := log.Append(ctx, store.ChatOp(id, who, fmt.Sprint("c", i), "hi")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(published) != n {
		t.Fatalf("published: got %d, want %d", len(published), n)
	}
	for i, seq := range published {
		if seq != int64(i+1) {
			t.Fatalf("published[%d]: got seq %d, want %d", i, seq, i+1)
		}
	}
	ev, dup, err := log.Append(ctx, store.ChatOp(id, who, "c7", "again"))
	if err != nil || !dup {
		t.Fatalf("resend: got dup=%v err=%v, want dup", dup, err)
	}
	var rows int
	s.DB().QueryRow(`SELECT COUNT(*) FROM events WHERE codelab_id = ?`, id).Scan(&rows)
	if rows != n || len(published) != n {
		t.Errorf("after resend: got %d rows %d published, want %d", rows, len(published), n)
	}
	if ev.Seq < 1 || ev.Seq > n {
		t.Errorf("resend seq: got %d, want the first one's", ev.Seq)
	}
	// A refused op in the middle of a batch does not undo its neighbours.
	if _, _, err := log.Append(ctx, store.ChatOp(id, who, "empty", "   ")); err == nil {
		t.Error("empty chat: got nil error, want empty_text")
	}
}

func TestEventsVisibility(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	id := newCodelab(t, s, "", 1)
	a, _ := s.RegisterAttendee(ctx, id, "A", "")
	b, _ := s.RegisterAttendee(ctx, id, "B", "")
	c, _ := s.RegisterAttendee(ctx, id, "C", "")
	log := store.NewEventLog(s, nil)
	defer log.Close()
	pa := model.Person{ID: a.Attendee.ID, Name: "A"}
	for _, op := range []store.Op{
		store.ChatOp(id, pa, "1", "room"),
		store.DMOp(id, pa, "2", b.Attendee.ID, "to b"),
		store.DMOp(id, pa, "3", "admin", "to admin"),
		store.ProgressOp(id, pa, "4", 1, []int{1}),
	} {
		if _, _, err := log.Append(ctx, op); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		v    store.Viewer
		want int
	}{
		{"admin", store.Viewer{ID: "admin", Admin: true}, 4},
		{"sender", store.Viewer{ID: a.Attendee.ID}, 4},
		{"dm target", store.Viewer{ID: b.Attendee.ID}, 2},
		{"bystander", store.Viewer{ID: c.Attendee.ID}, 1},
	} {
		evs, err := s.Events(ctx, id, tc.v, 0, 100)
		if err != nil || len(evs) != tc.want {
			t.Errorf("%s: got %d events (%v), want %d", tc.name, len(evs), err, tc.want)
		}
	}
}
