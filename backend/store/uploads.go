package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opencodelabs/desktop/backend/model"
)

// InsertUploadTx records u inside tx (an import adds its images in the
// codelab's own transaction) and sets its CreatedAt.
func InsertUploadTx(ctx context.Context, tx *sql.Tx, u *model.Upload) error {
	t := now()
	var codelab any
	if u.CodelabID != "" {
		codelab = u.CodelabID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO uploads (name, codelab_id, content_type, size, width, height,
		original_name, created_at) VALUES (?,?,?,?,?,?,?,?)`,
		u.Name, codelab, u.ContentType, u.Size, u.Width, u.Height, u.OriginalName, t)
	if err != nil {
		return fmt.Errorf("store: insert upload: %w", err)
	}
	u.CreatedAt = parseTime(t)
	return nil
}

// InsertUpload records one upload in its own transaction. A CodelabID
// that does not exist is ErrNotFound.
func (s *Store) InsertUpload(ctx context.Context, u *model.Upload) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		if u.CodelabID != "" {
			if err := codelabExists(ctx, tx, u.CodelabID); err != nil {
				return err
			}
		}
		return InsertUploadTx(ctx, tx, u)
	})
}

// GetUpload returns the record of the upload named name.
func (s *Store) GetUpload(ctx context.Context, name string) (*model.Upload, error) {
	var u model.Upload
	var codelab sql.NullString
	var created string
	err := s.read.QueryRowContext(ctx, `SELECT name, codelab_id, content_type, size, width, height, original_name,
		created_at FROM uploads WHERE name = ?`, name).Scan(&u.Name, &codelab, &u.ContentType, &u.Size, &u.Width,
		&u.Height, &u.OriginalName, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: upload %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: get upload: %w", err)
	}
	u.CodelabID, u.CreatedAt = codelab.String, parseTime(created)
	return &u, nil
}

// rowQuerier is what both pools and a transaction offer for one-row
// queries, so a lookup can run inside a write or on the read pool.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// codelabExists is ErrNotFound when no codelab has id.
func codelabExists(ctx context.Context, q rowQuerier, id string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM codelabs WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("store: check codelab: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("store: codelab %q: %w", id, ErrNotFound)
	}
	return nil
}
