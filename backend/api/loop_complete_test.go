package api_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf16"
)

type certJSON struct {
	ID           string `json:"id"`
	AttendeeName string `json:"attendee_name"`
	Token        string `json:"token"`
	PublicKey    string `json:"public_key"`
	Signature    string `json:"signature"`
	Fingerprint  string `json:"fingerprint"`
	VerifyURL    string `json:"verify_url"`
	CodelabTitle string `json:"codelab_title"`
	Author       string `json:"author"`
	WorkshopName string `json:"workshop_name"`
	CompletedAt  string `json:"completed_at"`
}

func (l *loopLab) complete(token string, wantStatus int, wantIn ...string) string {
	l.t.Helper()
	return scenario{name: "complete", method: "POST", url: "/api/me/complete?token=" + token, body: `{"passed":true,"quiz":true}`,
		wantStatus: wantStatus, wantIn: wantIn}.run(l.t, l.api)
}

func TestCompletionRulesAndCertificate(t *testing.T) {
	l := newLoopLab(t, `{"require_quiz":true,"require_feedback":true,"require_submission":true}`)
	saved := l.putQuiz(`{"questions":[{"prompt":"2+2?","kind":"single","options":["3","4"],"answers":[1]}]}`)
	ann, annID := l.register("김민지")
	bob, _ := l.register("Bob")

	l.complete(ann, 409, `"code":"requirements_not_met"`, `"missing":["steps","quiz","feedback","submission"]`)
	scenario{name: "requirements", method: "GET", url: "/api/me/requirements?token=" + ann, wantStatus: 200,
		wantIn: []string{`"completed":false`, `"missing":["steps","quiz","feedback","submission"]`}}.run(t, l.api)
	l.visitAll(annID, "김민지")
	l.complete(ann, 409, `"missing":["quiz","feedback","submission"]`)

	attempt := "/api/codelabs/" + l.id + "/quiz/attempts?token=" + ann
	scenario{name: "wrong answer claiming a pass", method: "POST", url: attempt, wantStatus: 201, wantIn: []string{`"passed":false`},
		body: `{"passed":true,"score_percent":100,"answers":[{"question_id":"` + saved.Questions[0].ID + `","choices":[0]}]}`}.run(t, l.api)
	l.complete(ann, 409, `"missing":["quiz","feedback","submission"]`)
	scenario{name: "right answer", method: "POST", url: attempt, wantStatus: 201, wantIn: []string{`"passed":true`},
		body: `{"answers":[{"question_id":"` + saved.Questions[0].ID + `","choices":[1]}]}`}.run(t, l.api)
	scenario{name: "feedback", method: "PUT", url: "/api/codelabs/" + l.id + "/feedback?token=" + ann, wantStatus: 200,
		body: `{"satisfaction":5,"difficulty":3}`}.run(t, l.api)
	l.complete(ann, 409, `"missing":["submission"]`)
	if rec := l.upload(ann, "work.txt", []byte("done")); rec.Code != 201 {
		t.Fatalf("submit: got %d %s", rec.Code, rec.Body)
	}
	var first struct{ Certificate certJSON }
	l.jsonOf(scenario{name: "complete", method: "POST", url: "/api/me/complete?token=" + ann, wantStatus: 200}, &first)
	c := first.Certificate
	if c.ID == "" || c.AttendeeName != "김민지" || c.CodelabTitle != "Loop lab" || c.Author != "Ada" || c.WorkshopName == "" ||
		c.CompletedAt == "" || c.Token == "" || c.PublicKey == "" || c.Signature == "" || !strings.Contains(c.VerifyURL, "/verify#token=") {
		t.Fatalf("certificate: got %+v, want every field", c)
	}
	again := l.complete(ann, 200)
	if !strings.Contains(again, `"id":"`+c.ID+`"`) {
		t.Errorf("second complete: got %s, want the same certificate %s", again, c.ID)
	}
	l.complete(bob, 409, `"missing":["steps","quiz","feedback","submission"]`)

	// After completion nothing that counted can change.
	scenario{name: "attempt after completion", method: "POST", url: attempt, wantStatus: 409, wantIn: []string{"already_completed"},
		body: `{"answers":[]}`}.run(t, l.api)
	if rec := l.upload(ann, "late.txt", []byte("late")); rec.Code != 409 || !strings.Contains(rec.Body.String(), "already_completed") {
		t.Errorf("submission after completion: got %d %s, want 409 already_completed", rec.Code, rec.Body)
	}
	scenario{name: "link after completion", method: "POST", url: "/api/codelabs/" + l.id + "/submissions?token=" + ann, wantStatus: 409,
		body: `{"url":"https://example.com"}`}.run(t, l.api)
	var subs []struct{ ID string }
	l.jsonOf(scenario{name: "my submissions", method: "GET", url: "/api/codelabs/" + l.id + "/submissions?token=" + ann, wantStatus: 200}, &subs)
	scenario{name: "delete after completion", method: "DELETE", url: "/api/codelabs/" + l.id + "/submissions/" + subs[0].ID + "?token=" + ann,
		wantStatus: 409, wantIn: []string{"already_completed"}}.run(t, l.api)

	// The public certificate and its verification.
	scenario{name: "public certificate", method: "GET", url: "/api/certificates/" + c.ID, wantStatus: 200,
		wantIn: []string{`"attendee_name":"김민지"`, `"signature":"` + c.Signature, `"public_key":"` + c.PublicKey, `"token":"` + c.Token}}.run(t, l.api)
	scenario{name: "unknown certificate", method: "GET", url: "/api/certificates/nope", wantStatus: 404}.run(t, l.api)
	scenario{name: "verify", method: "POST", url: "/api/certificates/verify", body: `{"token":"` + c.Token + `"}`, wantStatus: 200,
		wantIn: []string{`"valid":true`, `"reason":""`, `"attendee_name":"김민지"`}}.run(t, l.api)
	payload, sig, _ := strings.Cut(c.Token, ".")
	body, _ := base64.RawURLEncoding.DecodeString(payload)
	forged := base64.RawURLEncoding.EncodeToString(bytes.Replace(body, []byte("김민지"), []byte("Mallory"), 1)) + "." + sig
	for name, tok := range map[string]string{
		"forged name": forged, "truncated": c.Token[:len(c.Token)-3], "one char changed": flipChar(c.Token, len(payload)/2),
		"signature char changed": flipChar(c.Token, len(payload)+5), "no dot": strings.Replace(c.Token, ".", "", 1), "empty": "",
	} {
		scenario{name: "verify " + name, method: "POST", url: "/api/certificates/verify", body: `{"token":"` + tok + `"}`, wantStatus: 200,
			wantIn: []string{`"valid":false`}, wantNotIn: []string{`"reason":""`}}.run(t, l.api)
	}
	pdf := l.get("/api/certificates/"+c.ID+"/pdf", "")
	if pdf.Code != 200 || pdf.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF-")) {
		t.Errorf("pdf: got %d %v", pdf.Code, pdf.Header())
	}
	// In the attendee's language: the PDF's title (its info dictionary, UTF-16) says so.
	title16 := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		return b
	}
	if ko := l.get("/api/certificates/"+c.ID+"/pdf?lang=ko-KR", ""); ko.Code != 200 || !bytes.Contains(ko.Body.Bytes(), title16("수료증")) {
		t.Errorf("Korean pdf: got %d, want the Korean title", ko.Code)
	}
	if !bytes.Contains(pdf.Body.Bytes(), title16("Certificate of Completion")) {
		t.Error("default pdf: want the English title")
	}
	scenario{name: "key", method: "GET", url: "/api/admin/certificates/key", admin: true, wantStatus: 200,
		wantIn: []string{`"public_key":"` + c.PublicKey, `"fingerprint":"` + c.Fingerprint, "BEGIN PUBLIC KEY"}}.run(t, l.api)
	scenario{name: "loop status", method: "GET", url: "/api/admin/codelabs/" + l.id + "/loop", admin: true, wantStatus: 200,
		wantIn: []string{`"certificate_id":"` + c.ID, `"quiz_passed":true`, `"feedback":true`, `"submissions":1`}}.run(t, l.api)
}

func flipChar(s string, i int) string {
	b := []byte(s)
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestCompletionWithoutOptionalRulesAndClosed(t *testing.T) {
	l := newLoopLab(t, "")
	ann, annID := l.register("Ann")
	l.complete(ann, 409, `"missing":["steps"]`)
	l.visitAll(annID, "Ann")
	bob, bobID := l.register("Bob")
	l.visitAll(bobID, "Bob")
	l.complete(ann, 200, `"certificate"`)
	scenario{name: "close", method: "PATCH", url: "/api/admin/codelabs/" + l.id, admin: true, body: `{"closed":true}`, wantStatus: 200}.run(t, l.api)
	l.complete(bob, 409, "codelab_closed")
	l.complete(ann, 200, `"certificate"`)
	scenario{name: "no token", method: "POST", url: "/api/me/complete", wantStatus: 401}.run(t, l.api)
}
