// Package app is the desktop shell: it parses the configuration, starts the
// server and, in the desktop build, opens the facilitator window. The
// window code lives in desktop.go (build tag "desktop"); headless.go is its
// twin for the plain `go build .` server.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/opencodelabs/desktop/backend/config"
	"github.com/opencodelabs/desktop/backend/server"
)

// Run is the whole program; it returns the process exit code.
func Run(args []string, assets fs.FS, stdout, stderr io.Writer) int {
	cfg, err := config.Parse(args, os.Getenv, !hasWindow, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "opencodelabs:", err)
		return 2
	}
	if cfg.ShowVersion {
		fmt.Fprintln(stdout, server.Version)
		return 0
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := server.Start(ctx, cfg, assets, log)
	if err != nil {
		fmt.Fprintln(stderr, "opencodelabs:", err)
		if running := (*server.AlreadyRunningError)(nil); errors.As(err, &running) && hasWindow && !cfg.Headless {
			focusRunning(cfg.DataDir, assets)
		}
		return 1
	}
	printURLs(stdout, srv)
	if cfg.Headless || !hasWindow {
		select {
		case <-ctx.Done():
		case err = <-srv.Done():
		}
	} else {
		err = runWindow(ctx, srv, assets, log)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil && err == nil {
		err = serr
	}
	if err != nil {
		log.Error("stopped with error", "err", err)
		return 1
	}
	log.Info("stopped")
	return 0
}

// printURLs prints one line per URL, the format scripts and tests parse.
func printURLs(w io.Writer, srv *server.Server) {
	fmt.Fprintf(w, "Open Codelabs %s serving workshop %q\n", server.Version, srv.Name())
	for _, u := range srv.AttendeeURLs() {
		fmt.Fprintf(w, "  attendee URL: %s\n", u)
	}
	fmt.Fprintf(w, "  admin URL: %s\n", srv.AdminURL())
}
