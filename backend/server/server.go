// Package server wires the store, the API, the realtime hub and LAN
// discovery into one running HTTP server. Both the headless binary and the
// desktop window start it the same way.
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/config"
	"github.com/opencodelabs/desktop/backend/discovery"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store"
)

// Version is the app version, set at build time with -ldflags -X.
var Version = "0.1.0-dev"

// Server is a running workshop server.
type Server struct {
	cfg      config.Config
	log      *slog.Logger
	store    *store.Store
	api      *api.API
	http     *http.Server
	ln       net.Listener
	port     int
	done     chan error
	live     *live
	adv      *discovery.Advertiser
	lock     *dirLock // lock.go: one server per data dir
	auto     *store.AutoBackups
	stopAuto func() // stops the automatic backups and waits for a running one

	mu   sync.Mutex
	name string // workshop name in use (mDNS may have added a suffix)
	mdns discovery.Status
}

// Start opens the data dir, binds the address (the next free port if the
// asked one is busy) and serves in the background.
func Start(ctx context.Context, cfg config.Config, assets fs.FS, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.Default()
	}
	// A read-only or missing folder fails here, naming it and why.
	if err := store.CheckDataDir(cfg.DataDir); err != nil {
		return nil, err
	}
	lock, err := lockDataDir(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	// Checks the folder, finishes an interrupted restore, runs quick_check
	// (a damaged file opens in the damaged state) and removes leftovers.
	// After the lock: no other server's work in progress is mistaken for leftovers.
	st, err := store.OpenDataDir(ctx, filepath.Join(cfg.DataDir, "opencodelabs.db"), log)
	if err != nil {
		return nil, errors.Join(err, lock.release())
	}
	// The signing key exists from the first start on; a damaged database is
	// read-only and serves no completions until it is restored.
	if st.Damage() == nil {
		if _, _, err := st.CertificateKey(ctx); err != nil {
			return nil, errors.Join(err, st.Close(), lock.release())
		}
	}
	s := &Server{cfg: cfg, log: log, store: st, name: cfg.Name, done: make(chan error, 1), lock: lock}
	s.auto = store.NewAutoBackups(st, cfg.DataDir)
	s.auto.Log = log
	s.live = newLive(st, log)
	s.api = api.New(api.Config{
		Store:            st,
		Markdown:         markdown.New(),
		AdminToken:       cfg.AdminToken,
		Version:          Version,
		Name:             s.Name,
		Assets:           assets,
		Logger:           log,
		DataDir:          cfg.DataDir,
		Hub:              s.live.hub,
		Events:           s.live.events,
		OnCodelabChanged: s.live.codelabChanged,
		JoinInfo:         s.joinInfo,
		Hosts:            &api.Hosts{Extra: cfg.AllowedHosts, Names: s.localNames},
		AutoBackups:      s.auto,
	})
	s.ln, err = listen(cfg.Addr)
	if err != nil {
		s.live.close(ctx)
		return nil, errors.Join(err, st.Close(), lock.release())
	}
	s.port = s.ln.Addr().(*net.TCPAddr).Port
	s.ln = limitConns(s.ln, connLimits(log), log)
	if err := lock.publish(s.url(s.loopbackOrBound())); err != nil {
		log.Warn("could not write the server URL into the data folder", "err", err)
	}
	s.http = &http.Server{
		Handler:           withPprof(s.api, s.api), // pprof.go: only with OPENCODELABS_PPROF=1
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	s.startAutoBackups()
	s.startMDNS() // before serving: handlers read s.adv without a lock
	go func() {
		err := s.http.Serve(s.ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// listen binds addr; when its port is taken it tries the next 50 ports.
func listen(addr string) (net.Listener, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("server: bad address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 0 || port > 65535 {
		return nil, fmt.Errorf("server: bad port in %q", addr)
	}
	var firstErr error
	for i := 0; i <= 50 && port+i <= 65535; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if port == 0 {
			break
		}
	}
	return nil, fmt.Errorf("server: no free port from %s: %w", addr, firstErr)
}

// Port is the port actually bound.
func (s *Server) Port() int { return s.port }

// Store exposes the database to the desktop shell (backups).
func (s *Server) Store() *store.Store { return s.store }

// Name is the workshop name in use.
func (s *Server) Name() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.name
}

// AdminURL is the facilitator's link, token in the fragment so it never
// reaches logs or Referer headers.
func (s *Server) AdminURL() string {
	return fmt.Sprintf("http://127.0.0.1:%d/admin/#token=%s", s.port, s.cfg.AdminToken)
}

// APIBase is the loopback base URL the desktop window talks to.
func (s *Server) APIBase() string { return fmt.Sprintf("http://127.0.0.1:%d", s.port) }

// DataDir is the data folder this server holds the lock of.
func (s *Server) DataDir() string { return s.cfg.DataDir }

// AdminToken is this launch's admin token.
func (s *Server) AdminToken() string { return s.cfg.AdminToken }

// Done reports when the HTTP server stops on its own.
func (s *Server) Done() <-chan error { return s.done }

// Shutdown stops accepting, lets requests finish, and closes the store.
func (s *Server) Shutdown(ctx context.Context) error {
	var advErr error
	if s.adv != nil {
		advErr = s.adv.Close() // goodbyes first, so browsers forget us at once
	}
	err := s.http.Shutdown(ctx)
	s.live.close(ctx) // hijacked WebSockets are not covered by http.Shutdown
	s.stopAuto()
	return errors.Join(advErr, err, s.store.Close(), s.lock.release())
}

// startAutoBackups takes a snapshot now and then every
// store.AutoInterval while anything changed (docs/backup.md).
func (s *Server) startAutoBackups() {
	ctx, cancel := context.WithCancel(context.Background())
	ticker := time.NewTicker(store.AutoInterval)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s.auto.Run(ctx, ticker.C)
	}()
	// The audit log drops expired rows at start and daily (store/audit.go).
	pruneTicker := time.NewTicker(store.AuditPruneInterval)
	pruned := make(chan struct{})
	go func() {
		defer close(pruned)
		s.store.RunAuditPruning(ctx, time.Now, pruneTicker.C, s.log)
	}()
	s.stopAuto = func() {
		cancel()
		ticker.Stop()
		pruneTicker.Stop()
		<-stopped
		<-pruned
	}
}
