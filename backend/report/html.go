package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strconv"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/frontend/src/lib/i18n"
)

//go:embed report.html.tmpl
var templates embed.FS

var page = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"pct": func(n, of int) string {
		if of == 0 {
			return "0"
		}
		return strconv.FormatFloat(100*float64(n)/float64(of), 'f', 1, 64)
	},
}).ParseFS(templates, "report.html.tmpl"))

// bar is one bar of a server-drawn chart.
type bar struct {
	Label  string
	Value  int
	X, H   float64
	Y      float64
	Width  float64
	Suffix string
}

// view is what the printable page shows, every text already in the
// facilitator's language.
type view struct {
	R              *model.Report
	M              i18n.Messages
	Lang, Dir      string
	Period         string
	Hardest        string
	HelpWait       string
	Steps          []stepView
	Funnel, Chat   []bar
	FeedbackLine   string
	ChartW, ChartH float64
}

type stepView struct {
	model.ReportStep
	Median, Slowest, Wait string
}

// HTML renders the printable one-page summary, self-contained (no script,
// no outside file) so it prints and archives as it is.
func HTML(r *model.Report, lang string) ([]byte, error) {
	m := i18n.Load(lang, "adminReport")
	v := view{R: r, M: m, Lang: lang, Dir: "ltr", ChartW: 640, ChartH: 120}
	if i18n.RTL(lang) {
		v.Dir = "rtl"
	}
	v.Period = m.T("period", "from", r.From.Format("2006-01-02 15:04"), "to", r.To.Format("2006-01-02 15:04"))
	v.HelpWait = duration(m, r.Summary.MedianHelpWaitSec)
	if r.HardestStep != nil {
		s := r.Steps[*r.HardestStep-1]
		v.Hardest = m.T("hardestStep", "step", strconv.Itoa(s.Number), "title", s.Title)
	} else {
		v.Hardest = m.T("hardestNone")
	}
	for _, s := range r.Steps {
		v.Steps = append(v.Steps, stepView{ReportStep: s, Median: duration(m, s.MedianSec), Slowest: duration(m, s.SlowestSec), Wait: duration(m, s.MedianHelpWaitSec)})
	}
	funnel := make([]int, len(r.Steps))
	for i, s := range r.Steps {
		funnel[i] = s.Reached
	}
	v.Funnel = bars(funnel, func(i int) string { return strconv.Itoa(i + 1) }, v.ChartW, v.ChartH)
	chat := make([]int, len(r.Chat))
	for i, b := range r.Chat {
		chat[i] = b.Count
	}
	v.Chat = bars(chat, func(i int) string { return r.Chat[i].At.Format("15:04") }, v.ChartW, v.ChartH)
	v.FeedbackLine = feedbackLine(m, r.Feedback)
	var buf bytes.Buffer
	if err := page.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("report: html: %w", err)
	}
	return buf.Bytes(), nil
}

// bars lays out values as vertical bars filling w×h.
func bars(values []int, label func(int) string, w, h float64) []bar {
	top := 1
	for _, v := range values {
		top = max(top, v)
	}
	out := make([]bar, len(values))
	slot := w / float64(max(len(values), 1))
	for i, v := range values {
		bh := (h - 16) * float64(v) / float64(top)
		out[i] = bar{Label: label(i), Value: v, X: float64(i)*slot + slot*0.1, Width: slot * 0.8, H: bh, Y: h - 16 - bh}
	}
	return out
}

// duration writes seconds as "12 min" or "40 s"; "–" for no figure.
func duration(m i18n.Messages, sec *float64) string {
	if sec == nil {
		return "–"
	}
	d := time.Duration(*sec * float64(time.Second))
	if d < time.Minute {
		return m.T("seconds", "n", strconv.Itoa(int(d.Seconds())))
	}
	return m.T("minutes", "n", strconv.Itoa(int(d.Round(time.Minute).Minutes())))
}

func avg(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

// feedbackLine is "3 answers · satisfaction 4.3 / 5 · difficulty 2.7 / 5".
func feedbackLine(m i18n.Messages, f model.ReportFeedback) string {
	return m.T("feedbackLine", "count", strconv.Itoa(f.Count), "satisfaction", avg(f.SatisfactionAvg), "difficulty", avg(f.DifficultyAvg))
}
