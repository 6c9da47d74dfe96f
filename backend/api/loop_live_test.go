package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// TestLoopEventsReachTheDashboard: every loop write reaches the
// facilitator's WebSocket after its commit, the attendee's own devices see
// theirs, other attendees see none of them, and the raffle is public.
func TestLoopEventsReachTheDashboard(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ctx := context.Background()
	quiz := &model.Quiz{PassPercent: 50, Retries: true, Questions: []model.QuizQuestion{
		{Prompt: "2+2?", Kind: model.QuizSingle, Options: []string{"3", "4"}, Answers: []int{1}}}}
	if err := e.st.ReplaceQuiz(ctx, e.codelab, quiz); err != nil {
		t.Fatal(err)
	}
	admin := e.adminWS()
	ann, annID := e.register("Ann")
	bob, _ := e.register("Bob")
	annWS := e.attendeeWS(ann, 0)
	bobWS := e.attendeeWS(bob, 0)

	status, m := e.do("POST", "/api/codelabs/"+e.codelab+"/quiz/attempts", ann,
		map[string]any{"answers": []map[string]any{{"question_id": quiz.Questions[0].ID, "choices": []int{1}}}})
	if status != 201 || m["passed"] != true {
		t.Fatalf("attempt: got %d %v", status, m)
	}
	f := admin.waitType("quiz_submitted")
	if f["score_percent"] != float64(100) || f["attendee"].(map[string]any)["id"] != annID || f["seq"] == nil {
		t.Errorf("quiz_submitted: got %v", f)
	}
	annWS.waitType("quiz_submitted")

	if status, m := e.do("PUT", "/api/codelabs/"+e.codelab+"/feedback", ann, map[string]any{"satisfaction": 4, "difficulty": 2, "comment": "nice"}); status != 200 {
		t.Fatalf("feedback: got %d %v", status, m)
	}
	if f := admin.waitType("feedback"); f["satisfaction"] != float64(4) || f["has_comment"] != true {
		t.Errorf("feedback frame: got %v", f)
	}

	sendFile(t, e.srv.URL+"/api/codelabs/"+e.codelab+"/submissions", ann, "work.txt", []byte("hello"), http.StatusCreated)
	if f := admin.waitType("submission"); f["action"] != "added" || f["submission"].(map[string]any)["title"] != "work.txt" {
		t.Errorf("submission frame: got %v", f)
	}

	for step := 2; step <= 3; step++ {
		if _, err := e.st.ApplyOp(ctx, store.ProgressOp(e.codelab, model.Person{ID: annID, Name: "Ann"}, "", step, nil)); err != nil {
			t.Fatal(err)
		}
	}
	if status, m := e.do("POST", "/api/me/complete", ann, nil); status != 200 {
		t.Fatalf("complete: got %d %v", status, m)
	}
	if f := admin.waitType("completed"); f["certificate_id"] == nil {
		t.Errorf("completed frame: got %v", f)
	}

	// Bob is connected: a "present" draw can pick him or Ann; a "completed" draw only Ann.
	status, m = e.do("POST", "/api/admin/codelabs/"+e.codelab+"/raffle", liveAdminToken, map[string]any{"among": "completed"})
	if status != 201 || m["winner"].(map[string]any)["id"] != annID {
		t.Fatalf("raffle: got %d %v", status, m)
	}
	// Bob sees the public raffle, and none of Ann's private loop frames before it.
	f = bobWS.waitFor("raffle", func(m map[string]any) bool {
		switch m["type"] {
		case "quiz_submitted", "feedback", "submission", "completed":
			t.Errorf("Bob received Ann's %v", m)
		}
		return m["type"] == "raffle"
	})
	if f["winner"].(map[string]any)["name"] != "Ann" {
		t.Errorf("raffle frame to Bob: got %v", f)
	}
	annWS.waitType("raffle")
	status, m = e.do("POST", "/api/admin/codelabs/"+e.codelab+"/raffle", liveAdminToken, map[string]any{"among": "present"})
	if status != 201 {
		t.Fatalf("present raffle: got %d %v", status, m)
	}
	if w := m["winner"].(map[string]any)["name"]; w != "Bob" {
		t.Errorf("present raffle excluding Ann: got %v, want Bob (the only other connected attendee)", w)
	}
}

// TestConcurrentCompleteIssuesOneCertificate: many simultaneous calls
// (double clicks, two devices) all get the one certificate.
func TestConcurrentCompleteIssuesOneCertificate(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ann, annID := e.register("Ann")
	for step := 2; step <= 3; step++ {
		if _, err := e.st.ApplyOp(context.Background(), store.ProgressOp(e.codelab, model.Person{ID: annID, Name: "Ann"}, "", step, nil)); err != nil {
			t.Fatal(err)
		}
	}
	ids := make(chan string, 8)
	for range 8 {
		go func() {
			status, m := e.do("POST", "/api/me/complete", ann, nil)
			if status != 200 {
				ids <- "status " + itoa(int64(status))
				return
			}
			ids <- m["certificate"].(map[string]any)["id"].(string)
		}()
	}
	first := <-ids
	for range 7 {
		if id := <-ids; id != first {
			t.Errorf("got certificate %s and %s, want one", first, id)
		}
	}
}
