package store

import (
	"context"
	"fmt"
)

// LastSeq returns the highest seq of codelabID's event log (0 when empty).
func (s *Store) LastSeq(ctx context.Context, codelabID string) (int64, error) {
	var n int64
	if err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM events WHERE codelab_id = ?`,
		codelabID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: last seq: %w", err)
	}
	return n, nil
}
