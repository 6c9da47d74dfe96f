package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

// splitEnvironments reads a step's comma-separated environments column.
func splitEnvironments(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// InsertMetaTx stores a codelab's extra header fields inside tx.
func InsertMetaTx(ctx context.Context, tx *sql.Tx, codelabID string, meta map[string]string) error {
	for k, v := range meta {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO codelab_meta (codelab_id, key, value) VALUES (?,?,?)`, codelabID, k, v); err != nil {
			return fmt.Errorf("store: insert meta: %w", err)
		}
	}
	return nil
}

// CodelabMeta returns a codelab's extra header fields (empty map if none).
func (s *Store) CodelabMeta(ctx context.Context, codelabID string) (map[string]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT key, value FROM codelab_meta WHERE codelab_id = ?`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: read meta: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store: scan meta: %w", err)
		}
		out[k] = v
	}
	return out, rows.Err()
}

// InsertPollsTx stores a codelab's prepared polls, numbered by position.
func InsertPollsTx(ctx context.Context, tx *sql.Tx, codelabID string, polls []model.Poll) error {
	for i := range polls {
		p := &polls[i]
		p.ID, p.Position = NewID(), i+1
		opts, _ := json.Marshal(p.Options)
		if _, err := tx.ExecContext(ctx, `INSERT INTO codelab_polls (id, codelab_id, position, question, options, step) VALUES (?,?,?,?,?,?)`,
			p.ID, codelabID, p.Position, p.Question, string(opts), p.Step); err != nil {
			return fmt.Errorf("store: insert poll: %w", err)
		}
	}
	return nil
}

// CodelabPolls returns a codelab's prepared polls in order.
func (s *Store) CodelabPolls(ctx context.Context, codelabID string) ([]model.Poll, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, position, question, options, step FROM codelab_polls
		WHERE codelab_id = ? ORDER BY position`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: read polls: %w", err)
	}
	defer rows.Close()
	out := []model.Poll{}
	for rows.Next() {
		var p model.Poll
		var opts string
		if err := rows.Scan(&p.ID, &p.Position, &p.Question, &opts, &p.Step); err != nil {
			return nil, fmt.Errorf("store: scan poll: %w", err)
		}
		if err := json.Unmarshal([]byte(opts), &p.Options); err != nil || p.Options == nil {
			p.Options = []string{}
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// copyImportExtrasTx gives a copied codelab the header fields and prepared
// polls of its source.
func copyImportExtrasTx(ctx context.Context, tx *sql.Tx, from, to string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO codelab_meta (codelab_id, key, value)
		SELECT ?, key, value FROM codelab_meta WHERE codelab_id = ?`, to, from); err != nil {
		return fmt.Errorf("store: copy meta: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT position, question, options, step FROM codelab_polls WHERE codelab_id = ? ORDER BY position`, from)
	if err != nil {
		return fmt.Errorf("store: copy polls: %w", err)
	}
	type poll struct {
		pos, step     int
		question, opt string
	}
	var polls []poll
	for rows.Next() {
		var p poll
		if err := rows.Scan(&p.pos, &p.question, &p.opt, &p.step); err != nil {
			rows.Close()
			return fmt.Errorf("store: copy polls: %w", err)
		}
		polls = append(polls, p)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, p := range polls {
		if _, err := tx.ExecContext(ctx, `INSERT INTO codelab_polls (id, codelab_id, position, question, options, step) VALUES (?,?,?,?,?,?)`,
			NewID(), to, p.pos, p.question, p.opt, p.step); err != nil {
			return fmt.Errorf("store: copy poll: %w", err)
		}
	}
	return nil
}
