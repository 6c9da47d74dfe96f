package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

const codelabColumns = `id, title, description, author, duration_minutes, tags, is_public, access_code,
	guide_markdown, quiz_enabled, require_quiz, require_feedback, require_submission, created_at, updated_at,
	submission_max_file_bytes, submission_max_total_bytes, closed, language,
	(SELECT COUNT(*) FROM steps WHERE steps.codelab_id = codelabs.id)`

type rowScanner interface{ Scan(dest ...any) error }

func scanCodelab(row rowScanner) (*model.Codelab, error) {
	var c model.Codelab
	var tags, created, updated string
	err := row.Scan(&c.ID, &c.Title, &c.Description, &c.Author, &c.DurationMinutes, &tags, &c.IsPublic,
		&c.AccessCode, &c.GuideMarkdown, &c.QuizEnabled, &c.RequireQuiz, &c.RequireFeedback, &c.RequireSubmit,
		&created, &updated, &c.SubmissionMaxFileBytes, &c.SubmissionMaxTotalBytes, &c.Closed, &c.Language, &c.StepCount)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(tags), &c.Tags); err != nil || c.Tags == nil {
		c.Tags = []string{}
	}
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return &c, nil
}

// ListCodelabs returns codelabs newest first, only public ones when publicOnly.
func (s *Store) ListCodelabs(ctx context.Context, publicOnly bool) ([]model.Codelab, error) {
	q := `SELECT ` + codelabColumns + ` FROM codelabs`
	if publicOnly {
		q += ` WHERE is_public = 1`
	}
	return queryList(ctx, s.read, scanCodelab, "list codelabs", "codelab", q+` ORDER BY created_at DESC, rowid DESC`)
}

// CodelabSummary returns one codelab without its steps, for checks that
// need only its settings (visibility, access code).
func (s *Store) CodelabSummary(ctx context.Context, id string) (*model.Codelab, error) {
	c, err := scanCodelab(s.read.QueryRowContext(ctx, `SELECT `+codelabColumns+` FROM codelabs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: codelab %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: get codelab: %w", err)
	}
	return c, nil
}

// CodelabExists returns nil, or an error wrapping ErrNotFound.
func (s *Store) CodelabExists(ctx context.Context, id string) error {
	return codelabExists(ctx, s.read, id)
}

// GetCodelab returns one codelab with its steps (markdown included).
func (s *Store) GetCodelab(ctx context.Context, id string) (*model.Codelab, error) {
	c, err := s.CodelabSummary(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT number, title, duration_minutes, markdown, hidden, environments FROM steps
		WHERE codelab_id = ? ORDER BY number`, id)
	if err != nil {
		return nil, fmt.Errorf("store: get steps: %w", err)
	}
	defer rows.Close()
	c.Steps = []model.Step{}
	for rows.Next() {
		var st model.Step
		var envs string
		if err := rows.Scan(&st.Number, &st.Title, &st.DurationMinutes, &st.Markdown, &st.Hidden, &envs); err != nil {
			return nil, fmt.Errorf("store: scan step: %w", err)
		}
		st.Environments = splitEnvironments(envs)
		c.Steps = append(c.Steps, st)
	}
	return c, rows.Err()
}

func tagsJSON(tags []string) string {
	if tags == nil {
		tags = []string{}
	}
	b, _ := json.Marshal(tags)
	return string(b)
}

// CreateCodelab inserts c (and its steps, if any) and fills in ID and times.
func (s *Store) CreateCodelab(ctx context.Context, c *model.Codelab) error {
	return s.Write(ctx, func(tx *sql.Tx) error { return InsertCodelabTx(ctx, tx, c) })
}

// InsertCodelabTx inserts c and its steps inside tx, so importers can add
// uploads and materials in the same all-or-nothing transaction.
func InsertCodelabTx(ctx context.Context, tx *sql.Tx, c *model.Codelab) error {
	c.ID = NewID()
	t := now()
	DefaultLimits(c)
	c.CreatedAt, c.UpdatedAt = parseTime(t), parseTime(t)
	_, err := tx.ExecContext(ctx, `INSERT INTO codelabs (id, title, description, author, duration_minutes, tags,
		is_public, access_code, guide_markdown, quiz_enabled, require_quiz, require_feedback, require_submission,
		created_at, updated_at, submission_max_file_bytes, submission_max_total_bytes, closed, language)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.ID, c.Title, c.Description, c.Author, c.DurationMinutes, tagsJSON(c.Tags), c.IsPublic, c.AccessCode,
		c.GuideMarkdown, c.QuizEnabled, c.RequireQuiz, c.RequireFeedback, c.RequireSubmit, t, t,
		c.SubmissionMaxFileBytes, c.SubmissionMaxTotalBytes, c.Closed, c.Language)
	if err != nil {
		return fmt.Errorf("store: insert codelab: %w", err)
	}
	if len(c.Steps) > 0 {
		if err := replaceStepsTx(ctx, tx, c.ID, c.Steps); err != nil {
			return err
		}
	}
	c.StepCount = len(c.Steps)
	return nil
}

// UpdateCodelab saves c's metadata (not its steps) and bumps updated_at.
func (s *Store) UpdateCodelab(ctx context.Context, c *model.Codelab) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		t := now()
		res, err := tx.ExecContext(ctx, `UPDATE codelabs SET title=?, description=?, author=?, duration_minutes=?,
			tags=?, is_public=?, access_code=?, guide_markdown=?, quiz_enabled=?, require_quiz=?, require_feedback=?,
			require_submission=?, updated_at=?, submission_max_file_bytes=?, submission_max_total_bytes=?, closed=?,
			language=? WHERE id=?`,
			c.Title, c.Description, c.Author, c.DurationMinutes, tagsJSON(c.Tags), c.IsPublic, c.AccessCode,
			c.GuideMarkdown, c.QuizEnabled, c.RequireQuiz, c.RequireFeedback, c.RequireSubmit, t,
			c.SubmissionMaxFileBytes, c.SubmissionMaxTotalBytes, c.Closed, c.Language, c.ID)
		if err != nil {
			return fmt.Errorf("store: update codelab: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: codelab %q: %w", c.ID, ErrNotFound)
		}
		c.UpdatedAt = parseTime(t)
		return nil
	})
}

// DeleteCodelab removes a codelab and, by cascade, everything in it.
func (s *Store) DeleteCodelab(ctx context.Context, id string) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM codelabs WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: delete codelab: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: codelab %q: %w", id, ErrNotFound)
		}
		return nil
	})
	if err == nil {
		s.roster.forget(id)
	}
	return err
}

// ReplaceSteps swaps all steps of a codelab in one transaction: either the
// new list is stored whole or the old one stays.
func (s *Store) ReplaceSteps(ctx context.Context, id string, steps []model.Step) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE codelabs SET updated_at = ? WHERE id = ?`, now(), id)
		if err != nil {
			return fmt.Errorf("store: touch codelab: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: codelab %q: %w", id, ErrNotFound)
		}
		return replaceStepsTx(ctx, tx, id, steps)
	})
}

func replaceStepsTx(ctx context.Context, tx *sql.Tx, id string, steps []model.Step) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM steps WHERE codelab_id = ?`, id); err != nil {
		return fmt.Errorf("store: clear steps: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO steps (codelab_id, number, title, duration_minutes, markdown, hidden, environments)
		VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("store: prepare step insert: %w", err)
	}
	defer stmt.Close()
	for i, st := range steps {
		if _, err := stmt.ExecContext(ctx, id, i+1, st.Title, st.DurationMinutes, st.Markdown, st.Hidden, strings.Join(st.Environments, ",")); err != nil {
			return fmt.Errorf("store: insert step %d: %w", i+1, err)
		}
	}
	return nil
}

// CopyCodelab duplicates a codelab with its steps as a new hidden codelab.
func (s *Store) CopyCodelab(ctx context.Context, id string) (*model.Codelab, error) {
	src, err := s.GetCodelab(ctx, id)
	if err != nil {
		return nil, err
	}
	cp := *src
	cp.Title = "Copy of " + src.Title
	cp.IsPublic = false
	cp.Closed = false
	err = s.Write(ctx, func(tx *sql.Tx) error {
		if err := InsertCodelabTx(ctx, tx, &cp); err != nil {
			return err
		}
		if err := copyQuizTx(ctx, tx, id, cp.ID); err != nil { // quiz.go
			return err
		}
		return copyImportExtrasTx(ctx, tx, src.ID, cp.ID)
	})
	if err != nil {
		return nil, err
	}
	return &cp, nil
}
