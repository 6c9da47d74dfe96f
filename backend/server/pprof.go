package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"strings"

	"github.com/opencodelabs/desktop/backend/api"
)

// Profiling for docs/performance.md: with OPENCODELABS_PPROF=1 the server
// serves net/http/pprof under /debug/pprof/ on its own listener, by the
// admin rule (loopback only, then the admin token as a Bearer header or
// ?token=), and records blocking and mutex contention. Off by default:
// nothing is mounted and the runtime keeps its zero sampling rates.
const pprofEnv = "OPENCODELABS_PPROF"

// pprofEnabled reads the switch once at start.
func pprofEnabled() bool { return os.Getenv(pprofEnv) == "1" }

// withPprof returns next unchanged unless profiling is switched on.
func withPprof(next http.Handler, a *api.API) http.Handler {
	if !pprofEnabled() {
		return next
	}
	// Every blocking event of 10 µs or more, one mutex contention in 10:
	// cheap enough to leave on for a run, fine enough to see the hub's locks.
	runtime.SetBlockProfileRate(10_000)
	runtime.SetMutexProfileFraction(10)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // heap, allocs, block, mutex, goroutine, ...
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/debug/pprof/") {
			next.ServeHTTP(w, r)
			return
		}
		if err := a.CheckAdmin(r); err != nil {
			writePprofError(w, err)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// writePprofError answers a refused profile request with the API's error
// shape (the status and code CheckAdmin chose).
func writePprofError(w http.ResponseWriter, err error) {
	var e *api.Error
	if !errors.As(err, &e) {
		e = api.Errorf(http.StatusUnauthorized, "unauthorized", "A valid admin token is required.")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(e.Status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message}})
}
