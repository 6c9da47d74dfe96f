package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opencodelabs/desktop/backend/model"
)

// Material kinds.
const (
	MaterialLink = "link"
	MaterialFile = "file"
)

const materialColumns = `id, codelab_id, kind, title, url, file_name, original_name, content_type, size, position, created_at`

func scanMaterial(row rowScanner) (*model.Material, error) {
	var m model.Material
	var created string
	if err := row.Scan(&m.ID, &m.CodelabID, &m.Kind, &m.Title, &m.URL, &m.FileName, &m.OriginalName,
		&m.ContentType, &m.Size, &m.Position, &created); err != nil {
		return nil, err
	}
	m.CreatedAt = parseTime(created)
	return &m, nil
}

// ListMaterials returns a codelab's materials in the order they were added;
// ErrNotFound when the codelab does not exist.
func (s *Store) ListMaterials(ctx context.Context, codelabID string) ([]model.Material, error) {
	if err := codelabExists(ctx, s.read, codelabID); err != nil {
		return nil, err
	}
	return queryList(ctx, s.read, scanMaterial, "list materials", "material",
		`SELECT `+materialColumns+` FROM materials WHERE codelab_id = ? ORDER BY position, created_at`, codelabID)
}

// GetMaterial returns material mid of codelab codelabID.
func (s *Store) GetMaterial(ctx context.Context, codelabID, mid string) (*model.Material, error) {
	return getMaterial(ctx, s.read, codelabID, mid)
}

func getMaterial(ctx context.Context, q rowQuerier, codelabID, mid string) (*model.Material, error) {
	return oneMaterial(q.QueryRowContext(ctx, `SELECT `+materialColumns+` FROM materials
		WHERE codelab_id = ? AND id = ?`, codelabID, mid), "get", mid)
}

// oneMaterial scans the single material row a query (op: get, rename)
// returned; no row is ErrNotFound.
func oneMaterial(row *sql.Row, op, mid string) (*model.Material, error) {
	m, err := scanMaterial(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: material %q: %w", mid, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: %s material: %w", op, err)
	}
	return m, nil
}

// CreateMaterial appends m to its codelab and fills in ID, Position and
// CreatedAt. For a file the caller has already written FileName.
func (s *Store) CreateMaterial(ctx context.Context, m *model.Material) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		if err := codelabExists(ctx, tx, m.CodelabID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM materials WHERE codelab_id = ?`,
			m.CodelabID).Scan(&m.Position); err != nil {
			return fmt.Errorf("store: next material position: %w", err)
		}
		m.ID = NewID()
		t := now()
		_, err := tx.ExecContext(ctx, `INSERT INTO materials (`+materialColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			m.ID, m.CodelabID, m.Kind, m.Title, m.URL, m.FileName, m.OriginalName, m.ContentType, m.Size, m.Position, t)
		if err != nil {
			return fmt.Errorf("store: insert material: %w", err)
		}
		m.CreatedAt = parseTime(t)
		return nil
	})
}

// RenameMaterial changes a material's title and returns the material as
// stored.
func (s *Store) RenameMaterial(ctx context.Context, codelabID, mid, title string) (*model.Material, error) {
	var m *model.Material
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = oneMaterial(tx.QueryRowContext(ctx, `UPDATE materials SET title = ? WHERE codelab_id = ? AND id = ?
			RETURNING `+materialColumns, title, codelabID, mid), "rename", mid)
		return err
	})
	return m, err
}

// DeleteMaterial removes a material's row and returns it, so the caller can
// delete its file once the row is gone.
func (s *Store) DeleteMaterial(ctx context.Context, codelabID, mid string) (*model.Material, error) {
	var m *model.Material
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if m, err = getMaterial(ctx, tx, codelabID, mid); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM materials WHERE id = ?`, mid); err != nil {
			return fmt.Errorf("store: delete material: %w", err)
		}
		return nil
	})
	return m, err
}
