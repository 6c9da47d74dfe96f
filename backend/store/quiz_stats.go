package store

import (
	"context"

	"github.com/opencodelabs/desktop/backend/model"
)

// GetQuizStats computes per-question and per-attendee figures.
func (s *Store) GetQuizStats(ctx context.Context, codelabID string) (*model.QuizStats, error) {
	if err := s.CodelabExists(ctx, codelabID); err != nil {
		return nil, err
	}
	quiz, err := activeQuiz(ctx, s.read, codelabID)
	if err != nil {
		return nil, err
	}
	attempts, who, err := queryAttempts(ctx, s.read, `WHERE codelab_id = ?`, codelabID)
	if err != nil {
		return nil, err
	}
	st := &model.QuizStats{Questions: []model.QuestionStat{}, Attendees: []model.AttendeeQuizStat{}}
	idx := map[string]int{}
	for i, q := range quiz.Questions {
		idx[q.ID] = i
		st.Questions = append(st.Questions, model.QuestionStat{QuestionID: q.ID, Prompt: q.Prompt, Step: q.Step})
	}
	byAttendee := map[string][]model.QuizAttempt{}
	for i, a := range attempts {
		byAttendee[who[i]] = append(byAttendee[who[i]], a)
		for _, r := range a.Results {
			if j, ok := idx[r.QuestionID]; ok {
				st.Questions[j].Answered++
				if r.Correct {
					st.Questions[j].Correct++
				}
			}
		}
	}
	for i := range st.Questions {
		if q := &st.Questions[i]; q.Answered > 0 {
			q.CorrectShare = float64(q.Correct) / float64(q.Answered)
		}
	}
	people, err := s.ListAttendees(ctx, codelabID)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		parts := standing(quiz, byAttendee[p.ID])
		row := model.AttendeeQuizStat{Attendee: model.Person{ID: p.ID, Name: p.Name}, Attempts: len(byAttendee[p.ID]), QuizPassed: allPassed(parts)}
		row.BestScore = headlineScore(parts)
		st.Attendees = append(st.Attendees, row)
	}
	return st, nil
}

// headlineScore is the final quiz's best score, or the best checkpoint
// score when there is no final quiz.
func headlineScore(parts []model.QuizPart) *int {
	var best *int
	for _, p := range parts {
		if p.Step == nil {
			return p.BestScore
		}
		if p.BestScore != nil && (best == nil || *p.BestScore > *best) {
			best = p.BestScore
		}
	}
	return best
}
