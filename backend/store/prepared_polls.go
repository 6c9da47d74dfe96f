package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/opencodelabs/desktop/backend/model"
)

// ReplacePreparedPolls replaces a codelab's prepared polls (the list the
// facilitator starts live polls from) in one transaction, in the given
// order. A poll that keeps the id of one of the codelab's prepared polls
// keeps that id; any other gets a new one. Callers validate the polls.
func (s *Store) ReplacePreparedPolls(ctx context.Context, codelabID string, polls []model.Poll) ([]model.Poll, error) {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := codelabExistsTx(ctx, tx, codelabID); err != nil {
			return err
		}
		known := map[string]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM codelab_polls WHERE codelab_id = ?`, codelabID)
		if err != nil {
			return fmt.Errorf("store: prepared polls: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: scan prepared poll: %w", err)
			}
			known[id] = true
		}
		rows.Close()
		if _, err := tx.ExecContext(ctx, `DELETE FROM codelab_polls WHERE codelab_id = ?`, codelabID); err != nil {
			return fmt.Errorf("store: clear prepared polls: %w", err)
		}
		for i := range polls {
			p := &polls[i]
			if !known[p.ID] {
				p.ID = NewID()
			}
			delete(known, p.ID) // an id given twice is new the second time
			p.Position = i + 1
			opts, _ := json.Marshal(p.Options)
			if _, err := tx.ExecContext(ctx, `INSERT INTO codelab_polls (id, codelab_id, position, question, options, step) VALUES (?,?,?,?,?,?)`,
				p.ID, codelabID, p.Position, p.Question, string(opts), p.Step); err != nil {
				return fmt.Errorf("store: insert prepared poll: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if polls == nil {
		polls = []model.Poll{}
	}
	return polls, nil
}
