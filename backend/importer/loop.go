package importer

import "github.com/opencodelabs/desktop/backend/model"

// loopMeta is the workshop loop's part of opencodelabs-desktop.json:
// what Open Codelabs keeps elsewhere or not at all. require_* and the
// guide travel in codelab.json / preparation_guide.md as Open Codelabs has them.
type loopMeta struct {
	Quiz                    *model.Quiz        `json:"quiz,omitempty"`
	SubmissionMaxFileBytes  int64              `json:"submission_max_file_bytes,omitempty"`
	SubmissionMaxTotalBytes int64              `json:"submission_max_total_bytes,omitempty"`
	RaffleDraws             []model.RaffleDraw `json:"raffle_draws,omitempty"`
}

func newLoopMeta(b *Bundle) loopMeta {
	m := loopMeta{SubmissionMaxFileBytes: b.Codelab.SubmissionMaxFileBytes,
		SubmissionMaxTotalBytes: b.Codelab.SubmissionMaxTotalBytes, RaffleDraws: b.RaffleDraws}
	if b.Quiz != nil && len(b.Quiz.Questions) > 0 {
		m.Quiz = b.Quiz
	}
	return m
}

// apply hands the extras to an imported bundle; limits out of range are
// left for the store's defaults and the API's checks.
func (m loopMeta) apply(b *Bundle) {
	b.Quiz = m.Quiz
	if m.SubmissionMaxFileBytes > 0 && m.SubmissionMaxTotalBytes >= m.SubmissionMaxFileBytes {
		b.Codelab.SubmissionMaxFileBytes, b.Codelab.SubmissionMaxTotalBytes = m.SubmissionMaxFileBytes, m.SubmissionMaxTotalBytes
	}
}
