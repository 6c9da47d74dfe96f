package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/opencodelabs/desktop/backend/model"
)

// Raffle pools.
const (
	AmongCompleted = "completed"
	AmongPresent   = "present"
)

// RaffleOp draws a winner with crypto/rand among the codelab's attendees
// who completed it (AmongCompleted) or are connected now (AmongPresent,
// the ids in present), leaving out earlier winners when excludePrevious.
// The draw is stored and announced to everyone in the codelab.
func RaffleOp(codelabID, among string, excludePrevious bool, present map[string]bool, out *model.RaffleDraw) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		if err := codelabExists(ctx, tx, codelabID); err != nil {
			return Draft{}, err
		}
		q := `SELECT a.id, a.name, EXISTS (SELECT 1 FROM certificates c WHERE c.attendee_id = a.id)
			FROM attendees a WHERE a.codelab_id = ?`
		if excludePrevious {
			q += ` AND a.id NOT IN (SELECT attendee_id FROM raffle_draws WHERE codelab_id = a.codelab_id)`
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY a.created_at, a.id`, codelabID)
		if err != nil {
			return Draft{}, fmt.Errorf("store: raffle pool: %w", err)
		}
		var pool []model.Person
		for rows.Next() {
			var p model.Person
			var completed bool
			if err := rows.Scan(&p.ID, &p.Name, &completed); err != nil {
				rows.Close()
				return Draft{}, fmt.Errorf("store: scan raffle pool: %w", err)
			}
			if among == AmongPresent && present[p.ID] || among == AmongCompleted && completed {
				pool = append(pool, p)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Draft{}, err
		}
		if len(pool) == 0 {
			who := "who completed the codelab"
			if among == AmongPresent {
				who = "connected right now"
			}
			if excludePrevious {
				who += " and has not won before"
			}
			return Draft{}, &OpError{Kind: ErrConflict, Code: "nobody_eligible", Message: "Nobody can win: there is no attendee " + who + "."}
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(pool))))
		if err != nil {
			return Draft{}, fmt.Errorf("store: raffle draw: %w", err)
		}
		winner := pool[n.Int64()]
		*out = model.RaffleDraw{ID: NewID(), Winner: winner, Among: among, ExcludePrevious: excludePrevious,
			Eligible: len(pool), At: parseTime(at)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO raffle_draws (id, codelab_id, attendee_id, attendee_name, among,
			exclude_previous, eligible, created_at) VALUES (?,?,?,?,?,?,?,?)`, out.ID, codelabID, winner.ID, winner.Name,
			among, excludePrevious, len(pool), at); err != nil {
			return Draft{}, fmt.Errorf("store: insert draw: %w", err)
		}
		return Draft{Type: "raffle", Fields: map[string]any{"draw_id": out.ID, "winner": winner, "among": among}}, nil
	}}
}

// RaffleDraws lists a codelab's draws, oldest first.
func (s *Store) RaffleDraws(ctx context.Context, codelabID string) ([]model.RaffleDraw, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, attendee_id, attendee_name, among, exclude_previous, eligible, created_at
		FROM raffle_draws WHERE codelab_id = ? ORDER BY created_at, id`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: raffle draws: %w", err)
	}
	defer rows.Close()
	out := []model.RaffleDraw{}
	for rows.Next() {
		var d model.RaffleDraw
		var at string
		if err := rows.Scan(&d.ID, &d.Winner.ID, &d.Winner.Name, &d.Among, &d.ExcludePrevious, &d.Eligible, &at); err != nil {
			return nil, fmt.Errorf("store: scan draw: %w", err)
		}
		d.At = parseTime(at)
		out = append(out, d)
	}
	return out, rows.Err()
}
