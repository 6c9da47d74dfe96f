package report

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/go-pdf/fpdf"
	"github.com/opencodelabs/desktop/backend/certificate"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/frontend/src/lib/i18n"
)

// PDF draws the one-page summary with the certificates' fonts and text
// writer, which shapes Arabic and lays an Arabic report out right to left.
func PDF(r *model.Report, lang string) ([]byte, error) {
	m := i18n.Load(lang, "adminReport")
	iso := certificate.Isolate // an inserted title or date keeps its own direction
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(m.T("title")+": "+r.Codelab.Title, true)
	pdf.SetCreator("Open Codelabs Desktop", true)
	wr := certificate.NewWriter(pdf, i18n.RTL(lang))
	pdf.SetAutoPageBreak(true, 12)
	pdf.AddPage()
	const left, width = 15.0, 180.0
	line := func(size float64, text string) {
		wr.SetSize(size)
		wr.Paragraph(left, width, size*0.5, text, certificate.AlignStart)
	}
	line(18, m.T("title")+": "+iso(r.Codelab.Title))
	line(10, iso(r.Session.Title)+" · "+m.T("period", "from", iso(r.From.Format("2006-01-02 15:04")), "to", iso(r.To.Format("2006-01-02 15:04"))))
	pdf.Ln(3)
	if r.HardestStep != nil {
		s := r.Steps[*r.HardestStep-1]
		line(11, m.T("hardestStep", "step", strconv.Itoa(s.Number), "title", iso(s.Title)))
	} else {
		line(11, m.T("hardestNone"))
	}
	pdf.Ln(2)
	sum := r.Summary
	line(10, fmt.Sprintf("%s %d · %s %d · %s %d · %s %d · %s %s · %s %d",
		m.T("attendees"), sum.Attendees, m.T("finishedAll"), sum.FinishedAllSteps, m.T("certificates"), sum.Certificates,
		m.T("helpRequests"), sum.HelpRequests, m.T("medianHelpWait"), duration(m, sum.MedianHelpWaitSec),
		m.T("chatMessages"), sum.ChatMessages))
	if !r.TimesKnown {
		line(9, m.T("timesUnknown"))
	}
	pdf.Ln(3)
	line(13, m.T("steps"))
	cols := []float64{10, 62, 18, 20, 20, 16, 16, 18}
	head := []string{"#", m.T("col.title"), m.T("col.reached"), m.T("col.median"), m.T("col.slowest"), m.T("col.stuck"), m.T("col.help"), m.T("col.helpWait")}
	// colX is where column i starts; in Arabic the columns run from the right.
	colX := func(i int) float64 {
		x := left
		for _, c := range cols[:i] {
			x += c
		}
		if wr.RTL() {
			return 2*left + width - x - cols[i]
		}
		return x
	}
	row := func(cells []string, size float64) {
		wr.SetSize(size)
		if _, pageH := pdf.GetPageSize(); pdf.GetY()+6 > pageH-12 {
			pdf.AddPage()
		}
		y := pdf.GetY()
		for i, c := range cells {
			align := certificate.AlignEnd
			if i == 1 {
				align = certificate.AlignStart
			}
			c = wr.Fit(c, cols[i]-2)
			pdf.SetXY(colX(i), y)
			pdf.CellFormat(cols[i], 6, "", "B", 0, "", false, 0, "")
			wr.Cell(colX(i), y, cols[i], 6, c, align)
		}
		pdf.SetXY(left, y+6)
	}
	row(head, 8)
	top := 1
	for _, s := range r.Steps {
		top = max(top, s.Reached)
	}
	for _, s := range r.Steps {
		row([]string{strconv.Itoa(s.Number), s.Title, strconv.Itoa(s.Reached), duration(m, s.MedianSec), duration(m, s.SlowestSec),
			strconv.Itoa(s.Stuck), strconv.Itoa(s.HelpRequests), duration(m, s.MedianHelpWaitSec)}, 9)
		// The funnel as a bar under the row: reached out of the most.
		pdf.SetFillColor(59, 91, 171)
		bar := 62 * float64(s.Reached) / float64(top)
		barX := colX(1)
		if wr.RTL() {
			barX += cols[1] - bar
		}
		pdf.Rect(barX, pdf.GetY()-1.2, bar, 0.8, "F")
	}
	if len(r.Quiz) > 0 {
		pdf.Ln(3)
		line(13, m.T("quiz"))
		for _, q := range r.Quiz {
			share := "–"
			if q.Answered > 0 {
				share = strconv.Itoa(100*q.Correct/q.Answered) + " %"
			}
			line(9, fmt.Sprintf("%s — %s %d, %s %s", iso(q.Prompt), m.T("col.answered"), q.Answered, m.T("col.correct"), share))
		}
	}
	pdf.Ln(3)
	line(13, m.T("feedback"))
	line(10, feedbackLine(m, r.Feedback))
	for _, c := range r.Feedback.Comments {
		line(9, "• "+iso(c))
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: pdf: %w", err)
	}
	return buf.Bytes(), nil
}
