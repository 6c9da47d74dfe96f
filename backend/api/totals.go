package api

import "context"

// totalMinutes is what a card shows: the codelab's own estimate, else the
// sum of its steps' minutes (issue #9: steps with durations but no total
// showed no time).
func totalMinutes(own, steps int) int {
	if own > 0 {
		return own
	}
	return steps
}

// fillTotals sets total_minutes on a list of codelabs with one query.
func (a *API) fillTotals(ctx context.Context, list []codelabOut) error {
	sums, err := a.Store.StepMinutes(ctx)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].TotalMinutes = totalMinutes(list[i].DurationMinutes, sums[list[i].ID])
	}
	return nil
}
