package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RewriteMarkdownTx passes the markdown of every step of a codelab, and of
// its preparation guide, through fn inside tx and stores what changed,
// bumping updated_at. It returns the numbers of the steps that changed and
// whether the guide did. Reading inside the write transaction means an
// editor save cannot slip in between the read and the write.
func RewriteMarkdownTx(ctx context.Context, tx *sql.Tx, codelabID string, fn func(md string) string) ([]int, bool, error) {
	var guide string
	err := tx.QueryRowContext(ctx, `SELECT guide_markdown FROM codelabs WHERE id = ?`, codelabID).Scan(&guide)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: read guide: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT number, markdown FROM steps WHERE codelab_id = ? ORDER BY number`, codelabID)
	if err != nil {
		return nil, false, fmt.Errorf("store: read steps: %w", err)
	}
	type change struct {
		n  int
		md string
	}
	var changes []change
	for rows.Next() {
		var n int
		var md string
		if err := rows.Scan(&n, &md); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("store: scan step: %w", err)
		}
		if out := fn(md); out != md {
			changes = append(changes, change{n, out})
		}
	}
	if err := rows.Close(); err != nil {
		return nil, false, err
	}
	var numbers []int
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `UPDATE steps SET markdown = ? WHERE codelab_id = ? AND number = ?`, c.md, codelabID, c.n); err != nil {
			return nil, false, fmt.Errorf("store: update step %d: %w", c.n, err)
		}
		numbers = append(numbers, c.n)
	}
	newGuide := fn(guide)
	guideChanged := newGuide != guide
	if guideChanged || len(numbers) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE codelabs SET guide_markdown = ?, updated_at = ? WHERE id = ?`, newGuide, now(), codelabID); err != nil {
			return nil, false, fmt.Errorf("store: touch codelab: %w", err)
		}
	}
	return numbers, guideChanged, nil
}
