package store

import (
	"context"
	"database/sql"

	"github.com/opencodelabs/desktop/backend/model"
)

// Submission limits (docs/api.md "Codelab settings").
const (
	DefaultSubmissionFileBytes  = 10 << 20
	DefaultSubmissionTotalBytes = 30 << 20
	MinSubmissionFileBytes      = 1 << 10
	MaxSubmissionFileBytes      = 100 << 20
	MaxSubmissionTotalBytes     = 1 << 30
)

// DefaultLimits fills unset submission limits with the defaults, so
// importers and older callers that build a Codelab by hand get them.
func DefaultLimits(c *model.Codelab) {
	if c.SubmissionMaxFileBytes <= 0 {
		c.SubmissionMaxFileBytes = DefaultSubmissionFileBytes
	}
	if c.SubmissionMaxTotalBytes <= 0 {
		c.SubmissionMaxTotalBytes = DefaultSubmissionTotalBytes
	}
}

// ApplyOp runs op in its own transaction and logs its event without
// publishing it: for servers (and tests) without the live event log.
func (s *Store) ApplyOp(ctx context.Context, op Op) (Event, error) {
	var ev Event
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		ev, _, err = appendTx(ctx, tx, op)
		return err
	})
	if err == nil {
		s.roster.touch(ev.CodelabID, ev.ActorID) // as the event log does after a commit
	}
	return ev, err
}
