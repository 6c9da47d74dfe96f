package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Registration cap of a codelab (migration 0005).
const (
	DefaultMaxAttendees = 2000
	MaxMaxAttendees     = 100000 // the largest cap a facilitator can set
)

// MaxAttendees returns how many attendees codelabID accepts.
func (s *Store) MaxAttendees(ctx context.Context, codelabID string) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT max_attendees FROM codelabs WHERE id = ?`, codelabID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("store: max attendees: %w", err)
	}
	return n, nil
}

// SetMaxAttendees changes codelabID's cap. Attendees already registered
// stay when the cap drops below their number; only new ones are refused.
func (s *Store) SetMaxAttendees(ctx context.Context, codelabID string, n int) error {
	if n < 1 || n > MaxMaxAttendees {
		return &OpError{Kind: ErrInvalid, Code: "invalid_field",
			Message: fmt.Sprintf("The field max_attendees must be between 1 and %d.", MaxMaxAttendees)}
	}
	return s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE codelabs SET max_attendees = ? WHERE id = ?`, n, codelabID)
		if err != nil {
			return fmt.Errorf("store: set max attendees: %w", err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
		}
		return nil
	})
}

// checkCapacity refuses a registration when codelabID is full.
func checkCapacity(ctx context.Context, tx *sql.Tx, codelabID string, max int) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attendees WHERE codelab_id = ?`, codelabID).Scan(&n); err != nil {
		return fmt.Errorf("store: count attendees: %w", err)
	}
	if n >= max {
		return &OpError{Kind: ErrConflict, Code: "codelab_full",
			Message: fmt.Sprintf("This codelab is full (%d attendees); ask the facilitator.", max)}
	}
	return nil
}
