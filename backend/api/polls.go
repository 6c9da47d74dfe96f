package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// pollRoutes registers live polls and the prepared-poll list (docs/api.md,
// "Live polls"; frames in docs/realtime.md).
func (a *API) pollRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/admin/codelabs/{id}/polls", a.admin(a.adminPolls))
	m.HandleFunc("POST /api/admin/codelabs/{id}/polls", a.admin(a.startPoll))
	m.HandleFunc("POST /api/admin/codelabs/{id}/polls/{pid}/{action}", a.admin(a.pollAction))
	m.HandleFunc("GET /api/admin/codelabs/{id}/prepared-polls", a.admin(a.preparedPolls))
	m.HandleFunc("PUT /api/admin/codelabs/{id}/prepared-polls", a.admin(a.putPreparedPolls))

	m.HandleFunc("GET /api/codelabs/{id}/polls", a.wrap(a.attendeePolls))
	m.HandleFunc("POST /api/codelabs/{id}/polls/{pid}/answer", a.wrap(a.answerPoll))
}

// pollActions maps the action path segment to the store's action.
var pollActions = map[string]string{
	"close":        store.PollClosedAction,
	"reopen":       store.PollReopened,
	"show-results": store.PollResultsShown,
	"hide-results": store.PollResultsHidden,
}

func (a *API) adminPolls(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	polls, err := a.Store.Polls(r.Context(), id, "")
	if err != nil {
		return err
	}
	prepared, err := a.Store.CodelabPolls(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"polls": polls, "prepared": prepared})
}

// startPoll opens a poll: POST .../polls {"question","options"} or
// {"prepared_id"} → 201 the poll with its (empty) results.
func (a *API) startPoll(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Question   string   `json:"question"`
		Options    []string `json:"options"`
		PreparedID string   `json:"prepared_id"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.PreparedID != "" && (in.Question != "" || len(in.Options) > 0) {
		return badRequest("invalid_poll", "Send either prepared_id or question and options, not both.")
	}
	id := r.PathValue("id")
	var p model.LivePoll
	if _, err := a.runOp(r.Context(), store.StartPollOp(id, in.Question, in.Options, in.PreparedID, &p)); err != nil {
		return err
	}
	res := model.PollResults{Counts: make([]int, len(p.Options))}
	return writeJSON(w, http.StatusCreated, model.LivePollView{LivePoll: p, Results: &res})
}

// pollAction is POST .../polls/{pid}/close|reopen|show-results|hide-results.
func (a *API) pollAction(w http.ResponseWriter, r *http.Request) error {
	action, ok := pollActions[r.PathValue("action")]
	if !ok {
		return notFound("The poll action")
	}
	id, pid := r.PathValue("id"), r.PathValue("pid")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	var v model.LivePollView
	if _, err := a.runOp(r.Context(), store.SetPollOp(id, pid, action, &v)); err != nil {
		return err
	}
	a.sendPollResults(r.Context(), id, pid)
	return writeJSON(w, http.StatusOK, v)
}

func (a *API) attendeePolls(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	polls, err := a.Store.Polls(r.Context(), at.CodelabID, at.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"polls": polls})
}

// answerPoll is the REST twin of the poll_answer frame:
// POST /api/codelabs/{id}/polls/{pid}/answer {"option": 0-based index}.
func (a *API) answerPoll(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	var in struct {
		Option *int `json:"option"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Option == nil {
		return badRequest("invalid_option", "The field option (the chosen option's 0-based index) is required.")
	}
	pid := r.PathValue("pid")
	ev, err := a.runOp(r.Context(), store.AnswerPollOp(at.CodelabID, person(at), "", pid, *in.Option))
	if err != nil {
		return err
	}
	a.sendPollResults(r.Context(), at.CodelabID, pid)
	return writeJSON(w, http.StatusOK, map[string]any{"poll_id": pid, "option": *in.Option, "seq": ev.Seq})
}

// answerPollFrame handles {"type":"poll_answer","cid","poll_id","option"}.
func (a *API) answerPollFrame(ctx context.Context, who realtime.Identity, cid string, f clientFrame) (int64, error) {
	if who.Admin {
		return 0, forbiddenFrame("Only attendees answer polls.")
	}
	if f.Option == nil {
		return 0, &realtime.Error{Code: "invalid_option", Message: "The field option (the chosen option's 0-based index) is required."}
	}
	op := store.AnswerPollOp(who.CodelabID, model.Person{ID: who.ID, Name: who.Name}, cid, f.PollID, *f.Option)
	ev, dup, err := a.Events.Append(ctx, op)
	if err != nil {
		return 0, frameError(err)
	}
	if !dup {
		a.sendPollResults(ctx, who.CodelabID, f.PollID)
	}
	return ev.Seq, nil
}

// sendPollResults sends the poll's counts, as committed now, in an
// ephemeral poll_results frame: to the facilitator's connections (the
// dashboard and the projector), and to everyone while the results are
// shown. A reconnecting client reads them from GET .../polls.
func (a *API) sendPollResults(ctx context.Context, codelabID, pollID string) {
	if a.Hub == nil {
		return
	}
	p, res, err := a.Store.PollResults(ctx, codelabID, pollID)
	if err != nil {
		a.log.Warn("poll results", "err", err)
		return
	}
	frame, _ := json.Marshal(map[string]any{"type": "poll_results", "poll_id": p.ID, "results": res})
	if p.ResultsShown {
		a.Hub.Broadcast(codelabID, frame)
		return
	}
	a.Hub.SendTo(codelabID, store.Admin.ID, frame)
}

// preparedPollsIn is PUT .../prepared-polls.
type preparedPollsIn struct {
	Polls []struct {
		ID       string   `json:"id"`
		Question string   `json:"question"`
		Options  []string `json:"options"`
		Step     int      `json:"step"`
	} `json:"polls"`
}

// maxPreparedPolls bounds a codelab's prepared list.
const maxPreparedPolls = 100

func (a *API) preparedPolls(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	polls, err := a.Store.CodelabPolls(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"polls": polls})
}

// putPreparedPolls replaces the prepared list after checking every poll
// as a live one is checked; step is 0 (none) or an existing step.
func (a *API) putPreparedPolls(w http.ResponseWriter, r *http.Request) error {
	var in preparedPollsIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Polls == nil {
		return fieldError("polls", "required", nil, "The field polls is required (an empty list clears them).")
	}
	if len(in.Polls) > maxPreparedPolls {
		return badRequest("too_many_polls", "A codelab can have at most %d prepared polls.", maxPreparedPolls)
	}
	id := r.PathValue("id")
	c, err := a.Store.CodelabSummary(r.Context(), id)
	if err != nil {
		return err
	}
	out := make([]model.Poll, len(in.Polls))
	for i, p := range in.Polls {
		q, opts, err := store.ValidatePoll(p.Question, p.Options)
		if err != nil {
			var oe *store.OpError
			if errors.As(err, &oe) {
				return badRequest(oe.Code, "Prepared poll %d: %s", i+1, oe.Message)
			}
			return err
		}
		if p.Step < 0 || p.Step > c.StepCount {
			return badRequest("invalid_step", "Prepared poll %d: step must be 0 (none) or 1 to %d.", i+1, c.StepCount)
		}
		out[i] = model.Poll{ID: p.ID, Question: q, Options: opts, Step: p.Step}
	}
	polls, err := a.Store.ReplacePreparedPolls(r.Context(), id, out)
	if err != nil {
		return err
	}
	a.audit(r, "codelab.polls_update", id, "codelab", id, map[string]any{"polls": len(polls)})
	return writeJSON(w, http.StatusOK, map[string]any{"polls": polls})
}

// exportPolls adds the codelab's prepared polls to an export.
func (a *API) exportPolls(ctx context.Context, b *importer.Bundle) error {
	polls, err := a.Store.CodelabPolls(ctx, b.Codelab.ID)
	for _, p := range polls {
		b.Polls = append(b.Polls, importer.Poll{Step: p.Step, Question: p.Question, Options: p.Options})
	}
	return err
}
