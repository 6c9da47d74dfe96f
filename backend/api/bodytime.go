package api

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"
)

// BodyTimeouts bound how long a request body may take, so a client that
// sends headers and one byte cannot hold a connection (and a file
// descriptor) forever. Zero fields take the defaults in parentheses.
type BodyTimeouts struct {
	// Request is the time an ordinary body has in all (30s). API bodies are
	// small JSON; the largest (a steps PUT) comes from the facilitator's
	// own machine.
	Request time.Duration
	// Idle is, on the transfer endpoints (uploads, import, restore), the
	// longest wait for the next byte (30s).
	Idle time.Duration
	// MinRate is, on the transfer endpoints, the slowest average rate in
	// bytes per second once Idle has passed (8 KiB/s): a slow but moving
	// upload keeps going; a trickle of a few bytes does not.
	MinRate int64
}

func (t *BodyTimeouts) defaults() {
	if t.Request <= 0 {
		t.Request = 30 * time.Second
	}
	if t.Idle <= 0 {
		t.Idle = 30 * time.Second
	}
	if t.MinRate <= 0 {
		t.MinRate = 8 << 10
	}
}

// transferRoutes are the patterns whose bodies may be large and slow; a new
// upload endpoint adds its pattern here.
var transferRoutes = map[string]bool{
	"POST /api/admin/uploads":                 true,
	"POST /api/admin/codelabs/{id}/materials": true,
	"POST /api/admin/import":                  true,
	"POST /api/admin/restore":                 true,
	"POST /api/codelabs/{id}/submissions":     true, // attendees' uploads, over Wi-Fi (DESIGN.md)
}

type bodyTimerKey struct{}

// timedBody sets the connection's read deadline while a body is read:
// a fixed one for ordinary requests, one pushed forward by progress for
// transfers.
type timedBody struct {
	io.ReadCloser
	rc       *http.ResponseController
	t        BodyTimeouts
	transfer bool
	start    time.Time
	n        int64
	timedOut bool
}

// timeBody installs the body deadline on r; it leaves requests without a
// body alone (WebSocket upgrades, GETs), and connections that cannot take
// a deadline (httptest recorders).
func (a *API) timeBody(w http.ResponseWriter, r *http.Request) *http.Request {
	if r.Body == nil || r.Body == http.NoBody {
		return r
	}
	b := &timedBody{ReadCloser: r.Body, rc: http.NewResponseController(w), t: a.BodyTimeouts, start: time.Now()}
	_, pattern := a.mux.Handler(r)
	b.transfer = transferRoutes[pattern]
	first := b.start.Add(b.t.Request)
	if b.transfer {
		first = b.start.Add(b.t.Idle)
	}
	if err := b.rc.SetReadDeadline(first); err != nil {
		return r
	}
	r = r.WithContext(context.WithValue(r.Context(), bodyTimerKey{}, b))
	r.Body = b
	return r
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	switch {
	case err == io.EOF:
		// The server's background read (which notices a client going away)
		// starts now; it must not inherit the body's deadline.
		b.rc.SetReadDeadline(time.Time{})
	case err != nil:
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			b.timedOut = true
		}
	case n > 0 && b.transfer:
		now := time.Now()
		next := now.Add(b.t.Idle)
		byRate := b.start.Add(b.t.Idle + time.Duration(float64(b.n)/float64(b.t.MinRate)*float64(time.Second)))
		if byRate.Before(next) {
			next = byRate
		}
		b.rc.SetReadDeadline(next)
	}
	return n, err
}

// bodyTimeout is the error of a request whose body stopped arriving in
// time, or nil.
func bodyTimeout(r *http.Request) *Error {
	b, _ := r.Context().Value(bodyTimerKey{}).(*timedBody)
	if b == nil || !b.timedOut {
		return nil
	}
	return Errorf(http.StatusRequestTimeout, "body_timeout", "The request body arrived too slowly; the connection is closed. Try again on a steadier network.")
}
