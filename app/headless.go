//go:build !desktop

package app

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"

	"github.com/opencodelabs/desktop/backend/server"
)

// hasWindow is false in the headless build: it always runs as a server.
const hasWindow = false

func runWindow(context.Context, *server.Server, fs.FS, *slog.Logger) error {
	return errors.New("this build has no window; build with -tags desktop")
}
