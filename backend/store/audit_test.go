package store_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// auditClock is a settable clock for retention tests.
type auditClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *auditClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *auditClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func recordAt(t *testing.T, st *store.Store, at time.Time, action string) {
	t.Helper()
	if err := st.RecordAudit(context.Background(), model.AuditEntry{At: at, ActorKind: store.ActorSystem, Action: action}); err != nil {
		t.Fatal(err)
	}
}

func actions(t *testing.T, st *store.Store) map[string]bool {
	t.Helper()
	list, err := st.ListAudit(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range list {
		out[e.Action] = true
	}
	return out
}

func TestAuditRetentionWithFakeClock(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	base := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	recordAt(t, st, base.AddDate(0, 0, -200), "old")
	recordAt(t, st, base.AddDate(0, 0, -179), "recent")
	recordAt(t, st, base.Add(-time.Minute), "today")

	clock := &auditClock{t: base}
	tick := make(chan time.Time) // unbuffered: a send returns once the loop took it
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		st.RunAuditPruning(runCtx, clock.now, tick, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	// The first tick is taken only after the start-up prune finished.
	tick <- base
	if got := actions(t, st); got["old"] || !got["recent"] || !got["today"] {
		t.Errorf("after start: got %v, want old pruned (180 days), recent and today kept", got)
	}

	if err := st.SetAuditRetentionDays(ctx, 0); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("retention 0: got %v, want ErrInvalid", err)
	}
	if err := st.SetAuditRetentionDays(ctx, 30); err != nil {
		t.Fatal(err)
	}
	clock.set(base.AddDate(0, 0, 1))
	tick <- base // the daily prune with the new setting
	tick <- base // returns once the previous prune has finished
	if got := actions(t, st); got["recent"] || !got["today"] {
		t.Errorf("after a day with 30 days kept: got %v, want only today", got)
	}
	clock.set(base.AddDate(0, 0, 31))
	tick <- base
	tick <- base
	if got := actions(t, st); len(got) != 0 {
		t.Errorf("31 days later: got %v, want nothing", got)
	}
	cancel()
	<-done
	if days, err := st.AuditRetentionDays(ctx); err != nil || days != 30 {
		t.Errorf("retention: got %d %v, want 30", days, err)
	}
}

func TestAuditListFiltersAndOrder(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	base := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for i, e := range []model.AuditEntry{
		{ActorKind: store.ActorFacilitator, ActorID: "admin", Action: "codelab.create", CodelabID: "c1"},
		{ActorKind: store.ActorAttendee, ActorID: "a1", ActorName: "Ada", Action: "attendee.register", CodelabID: "c1"},
		{ActorKind: store.ActorAttendee, ActorID: "a2", ActorName: "Bob", Action: "attendee.register", CodelabID: "c2"},
	} {
		e.At = base.Add(time.Duration(i) * time.Hour)
		if err := st.RecordAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.RecordAudit(ctx, model.AuditEntry{ActorKind: "robot", Action: "x"}); err == nil {
		t.Error("unknown actor kind: got nil, want an error")
	}
	for _, tc := range []struct {
		name string
		f    store.AuditFilter
		want []string // actor ids, newest first
	}{
		{"all", store.AuditFilter{}, []string{"a2", "a1", "admin"}},
		{"codelab", store.AuditFilter{CodelabID: "c1"}, []string{"a1", "admin"}},
		{"action", store.AuditFilter{Action: "attendee.register"}, []string{"a2", "a1"}},
		{"actor name any case", store.AuditFilter{Actor: "ada"}, []string{"a1"}},
		{"actor kind", store.AuditFilter{Actor: "facilitator"}, []string{"admin"}},
		{"since inclusive", store.AuditFilter{Since: base.Add(time.Hour)}, []string{"a2", "a1"}},
		{"until exclusive", store.AuditFilter{Until: base.Add(time.Hour)}, []string{"admin"}},
		{"limit", store.AuditFilter{Limit: 1}, []string{"a2"}},
	} {
		list, err := st.ListAudit(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.ActorID)
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) || (len(got) > 1 && got[len(got)-1] != tc.want[len(tc.want)-1]) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
