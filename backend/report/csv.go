package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// The CSV tables of a report; column names are stable identifiers, for
// spreadsheets and scripts.
const (
	TableSteps      = "steps"
	TableAttendance = "attendance"
	TableChat       = "chat"
	TableQuiz       = "quiz"
	TableFeedback   = "feedback"
)

// Tables lists every table CSV can write.
var Tables = []string{TableSteps, TableAttendance, TableChat, TableQuiz, TableFeedback}

// IsTable tells whether name is one of Tables.
func IsTable(name string) bool { return slices.Contains(Tables, name) }

// CSV writes one table of the report. Cells that a spreadsheet would run
// as a formula are prefixed with a quote (CSV injection).
func CSV(r *model.Report, table string) ([]byte, error) {
	var rows [][]string
	switch table {
	case TableSteps:
		rows = append(rows, []string{"step", "title", "estimate_minutes", "reached", "passed", "median_seconds", "slowest_seconds", "stuck", "help_requests", "median_help_wait_seconds"})
		for _, s := range r.Steps {
			rows = append(rows, []string{itoa(s.Number), s.Title, itoa(s.EstimateMinutes), itoa(s.Reached), itoa(s.Passed),
				num(s.MedianSec), num(s.SlowestSec), itoa(s.Stuck), itoa(s.HelpRequests), num(s.MedianHelpWaitSec)})
		}
	case TableAttendance:
		rows = append(rows, []string{"from", "joined", "active"})
		for _, b := range r.Attendance {
			rows = append(rows, []string{b.At.Format(time.RFC3339), itoa(b.Count), itoa(b.Active)})
		}
	case TableChat:
		rows = append(rows, []string{"from", "messages"})
		for _, b := range r.Chat {
			rows = append(rows, []string{b.At.Format(time.RFC3339), itoa(b.Count)})
		}
	case TableQuiz:
		rows = append(rows, []string{"question_id", "prompt", "step", "answered", "correct", "correct_share"})
		for _, q := range r.Quiz {
			step := ""
			if q.Step != nil {
				step = itoa(*q.Step)
			}
			rows = append(rows, []string{q.QuestionID, q.Prompt, step, itoa(q.Answered), itoa(q.Correct),
				strconv.FormatFloat(q.CorrectShare, 'f', 3, 64)})
		}
	case TableFeedback:
		rows = append(rows, []string{"answers", "satisfaction_avg", "difficulty_avg", "comment"})
		avg := []string{itoa(r.Feedback.Count), num(r.Feedback.SatisfactionAvg), num(r.Feedback.DifficultyAvg)}
		if len(r.Feedback.Comments) == 0 {
			rows = append(rows, append(avg, ""))
		}
		for _, c := range r.Feedback.Comments {
			rows = append(rows, append(slices.Clone(avg), c))
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, row := range rows {
		for i, cell := range row {
			row[i] = SafeCell(cell)
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// SafeCell defuses spreadsheet formula injection (OWASP "CSV Injection"):
// a cell starting with = + - @, a tab or a carriage return gets a leading
// quote so spreadsheets show it as text.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
