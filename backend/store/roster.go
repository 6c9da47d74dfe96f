package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/opencodelabs/desktop/backend/model"
)

// roster keeps each codelab's attendee list in memory for the facilitator's
// dashboard, which polls it while hundreds of attendees chat. Rebuilding 500
// rows from SQLite costs milliseconds of CPU on every poll; instead writers
// mark the rows they committed as dirty and the next read refreshes only
// those with one small query.
type roster struct {
	mu   sync.Mutex
	labs map[string]*labRoster
}

type labRoster struct {
	list  []model.Attendee // oldest first, like the table's order
	json  [][]byte         // list[i] encoded up to its online flag (see encodeRow)
	index map[string]int   // attendee id -> position in list
	dirty map[string]bool
}

// touch marks an attendee's row as changed; call it after the commit.
func (r *roster) touch(codelabID, attendeeID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if lab := r.labs[codelabID]; lab != nil {
		lab.dirty[attendeeID] = true
	}
}

// forget drops cached lists (all when codelabID is ""), e.g. after a
// restore or a deleted codelab.
func (r *roster) forget(codelabID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if codelabID == "" {
		r.labs = nil
		return
	}
	delete(r.labs, codelabID)
}

// ListAttendees returns a codelab's attendees with progress, oldest first.
// The result is the caller's to modify.
func (s *Store) ListAttendees(ctx context.Context, codelabID string) ([]model.Attendee, error) {
	r := &s.roster
	r.mu.Lock()
	defer r.mu.Unlock()
	lab, err := s.freshLab(ctx, codelabID)
	if err != nil {
		return nil, err
	}
	out := make([]model.Attendee, len(lab.list))
	copy(out, lab.list)
	return out, nil
}

// AttendeesJSON is ListAttendees encoded as a JSON array, with each
// attendee's online flag from online. The dashboard polls this while
// hundreds of attendees chat, so rows are encoded once per change and a
// request only joins them.
func (s *Store) AttendeesJSON(ctx context.Context, codelabID string, online map[string]bool) ([]byte, error) {
	r := &s.roster
	r.mu.Lock()
	defer r.mu.Unlock()
	lab, err := s.freshLab(ctx, codelabID)
	if err != nil {
		return nil, err
	}
	size := 2
	for _, row := range lab.json {
		size += len(row) + 7
	}
	buf := make([]byte, 0, size)
	buf = append(buf, '[')
	for i, row := range lab.json {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, row...)
		if online[lab.list[i].ID] {
			buf = append(buf, "true}"...)
		} else {
			buf = append(buf, "false}"...)
		}
	}
	return append(buf, ']'), nil
}

// encodeRow encodes a with its online flag cut off: Online is the struct's
// last field, so the JSON ends in `false}` and the caller appends the
// current value.
func encodeRow(a model.Attendee) []byte {
	a.Online = false
	b, err := json.Marshal(a)
	if err != nil { // cannot happen for these field types
		panic(fmt.Sprintf("store: encode attendee: %v", err))
	}
	return b[:len(b)-len("false}")]
}

// freshLab returns the codelab's cached roster, loading it or refreshing
// its dirty rows first. r.mu must be held.
func (s *Store) freshLab(ctx context.Context, codelabID string) (*labRoster, error) {
	r := &s.roster
	lab := r.labs[codelabID]
	if lab == nil {
		list, err := s.queryAttendees(ctx, `WHERE codelab_id = ? ORDER BY created_at, id`, codelabID)
		if err != nil {
			return nil, err
		}
		lab = &labRoster{list: list, index: make(map[string]int, len(list)), dirty: map[string]bool{}}
		for i, a := range list {
			lab.index[a.ID] = i
			lab.json = append(lab.json, encodeRow(a))
		}
		if r.labs == nil {
			r.labs = map[string]*labRoster{}
		}
		r.labs[codelabID] = lab
		return lab, nil
	}
	if len(lab.dirty) == 0 {
		return lab, nil
	}
	ids := make([]any, 0, len(lab.dirty)+1)
	ids = append(ids, codelabID)
	for id := range lab.dirty {
		ids = append(ids, id)
	}
	where := `WHERE codelab_id = ? AND id IN (?` + strings.Repeat(",?", len(ids)-2) + `) ORDER BY created_at, id`
	fresh, err := s.queryAttendees(ctx, where, ids...)
	if err != nil {
		return nil, err
	}
	for _, a := range fresh {
		if i, ok := lab.index[a.ID]; ok {
			lab.list[i], lab.json[i] = a, encodeRow(a)
		} else { // a new registration: the newest, so it goes last
			lab.index[a.ID] = len(lab.list)
			lab.list = append(lab.list, a)
			lab.json = append(lab.json, encodeRow(a))
		}
	}
	clear(lab.dirty)
	return lab, nil
}

func (s *Store) queryAttendees(ctx context.Context, where string, args ...any) ([]model.Attendee, error) {
	return queryList(ctx, s.read, scanAttendee, "list attendees", "attendee", `SELECT `+attendeeColumns+` FROM attendees `+where, args...)
}
