package store

import "github.com/opencodelabs/desktop/backend/model"

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
