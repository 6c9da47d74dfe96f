package store

import (
	"context"
	"fmt"
)

// StepMinutes returns, per codelab id, the sum of its steps' minutes.
func (s *Store) StepMinutes(ctx context.Context) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT codelab_id, SUM(duration_minutes) FROM steps GROUP BY codelab_id`)
	if err != nil {
		return nil, fmt.Errorf("store: step minutes: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: scan step minutes: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
