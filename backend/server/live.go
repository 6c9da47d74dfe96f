package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// live owns the realtime hub and the event log that feeds it: the log
// publishes each event to the hub after its transaction commits.
type live struct {
	hub    *realtime.Hub
	events *store.EventLog
	log    *slog.Logger
}

func newLive(st *store.Store, log *slog.Logger) *live {
	hub := realtime.NewHub(realtime.Options{CheckOrigin: api.CheckWSOrigin, UpgradeError: api.WSUpgradeError, Logger: log})
	return &live{hub: hub, events: store.NewEventLog(st, api.PublishTo(hub)), log: log}
}

// codelabChanged is the API's OnCodelabChanged hook: it logs and
// broadcasts a codelab_updated event so open pages reload the content.
func (l *live) codelabChanged(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, _, err := l.events.Append(ctx, store.CodelabUpdatedOp(id)); err != nil {
		l.log.Debug("codelab_updated not sent", "codelab", id, "err", err)
	}
}

// close disconnects every WebSocket, then stops the event log; the store
// is closed after it.
func (l *live) close(ctx context.Context) {
	l.hub.Close(ctx)
	l.events.Close()
}
