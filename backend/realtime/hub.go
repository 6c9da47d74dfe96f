// Package realtime is the WebSocket hub of a live workshop. Like
// PocketBase's broker it knows nothing about HTTP routing, tokens or the
// database: the caller authenticates, and a Handler persists messages and
// replays history. Each connection has its own bounded send queue, so a
// slow client is cut off (and resumes by replay) instead of slowing the room.
package realtime

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/model"
)

// Identity is who is on a connection. Admin connections see every event of
// their codelab; Helper connections (teaching assistants) also see Staff
// events and are not attendees (no presence, not in the online list).
type Identity struct {
	CodelabID string
	ID        string // attendee id, helper id, or "admin"
	Name      string
	Admin     bool
	Helper    bool
}

// attendee reports whether who counts as an attendee for presence.
func (who Identity) attendee() bool { return !who.Admin && !who.Helper }

// Event is a persisted event ready to send. VisibleTo "" means everyone in
// the codelab; otherwise the actor, that id and admins may see it.
type Event struct {
	CodelabID string
	Seq       int64
	ActorID   string
	VisibleTo string
	Staff     bool // helpers may see it too (the help queue, progress)
	Frame     []byte
	// CID is the client id the actor sent the message with ("" if none).
	// Only the actor's own connections get it, in the frame (FrameFor).
	CID string
}

// VisibleFor reports whether who may receive e.
func (e Event) VisibleFor(who Identity) bool {
	return e.VisibleTo == "" || who.Admin || who.ID == e.ActorID || who.ID == e.VisibleTo || (e.Staff && who.Helper)
}

// FrameFor is the frame who receives: the actor's connections (all their
// tabs: a cid is unique per actor) get "cid" added, so a client can match
// the event to its pending message; everyone else gets Frame unchanged.
func (e Event) FrameFor(who Identity) []byte {
	if e.CID == "" || who.ID != e.ActorID {
		return e.Frame
	}
	return withCID(e.Frame, e.CID)
}

// withCID adds "cid" as the first member of a JSON object frame.
func withCID(frame []byte, cid string) []byte {
	if len(frame) < 2 || frame[0] != '{' {
		return frame
	}
	q, _ := json.Marshal(cid)
	out := make([]byte, 0, len(frame)+len(q)+8)
	out = append(out, `{"cid":`...)
	out = append(out, q...)
	rest := bytes.TrimSpace(frame[1:])
	if len(rest) > 0 && rest[0] != '}' {
		out = append(out, ',')
	}
	return append(out, rest...)
}

// Message is one client frame the hub could not answer itself.
type Message struct {
	Type string
	CID  string
	Raw  []byte
}

// Error is a refusal sent to the client as an error frame.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Handler persists client messages and reads history for one connection.
type Handler interface {
	// Handle persists msg and returns its event's seq only after the commit.
	// Publishing the event is the handler's business (usually via the
	// store's after-commit hook calling Hub.Publish).
	Handle(ctx context.Context, who Identity, msg Message) (seq int64, err error)
	// Replay returns up to limit events after since that who may see.
	Replay(ctx context.Context, who Identity, since int64, limit int) ([]Event, error)
}

// Options tune the hub; zero values take the defaults in parentheses.
type Options struct {
	QueueSize    int           // frames waiting per connection (256)
	MaxMessage   int           // largest accepted client frame in bytes (4096)
	ReadLimit    int64         // frames above this close the connection (64 KiB)
	Rate         float64       // client frames per second (20)
	Burst        int           // token bucket size (20)
	ReplayBuffer int           // live frames held while replaying (4096)
	PingPeriod   time.Duration // WebSocket ping interval (30s)
	PongWait     time.Duration // how long without a pong before giving up (PingPeriod*2)
	WriteWait    time.Duration // one write's deadline (10s)
	// SocketWriteBuffer, when > 0, sets the kernel send buffer of each
	// connection, bounding memory per client and how long a stalled client
	// goes unnoticed (0: the OS default, which may grow to megabytes).
	SocketWriteBuffer int
	CheckOrigin       func(r *http.Request) bool
	// UpgradeError writes a failed handshake's answer (nil: plain text).
	UpgradeError func(w http.ResponseWriter, r *http.Request, status int, reason error)
	Logger       *slog.Logger
	// OnLeave is called after a connection has left (tests wait on it).
	OnLeave func(Identity)

	// MaxConnsPerAttendee caps one attendee's open connections (5); the
	// facilitator has no cap.
	MaxConnsPerAttendee int
	// AttendeeRate and AttendeeBurst are a second token bucket shared by
	// all connections of one attendee (Rate and Burst).
	AttendeeRate  float64
	AttendeeBurst int
	// ReplayReaders bounds the replay pages read at once across the hub (4).
	ReplayReaders int
}

func (o *Options) defaults() {
	set := func(p *int, v int) {
		if *p <= 0 {
			*p = v
		}
	}
	set(&o.QueueSize, 256)
	set(&o.MaxMessage, 4096)
	set(&o.Burst, 20)
	set(&o.ReplayBuffer, 4096)
	set(&o.MaxConnsPerAttendee, 5)
	set(&o.AttendeeBurst, o.Burst)
	set(&o.ReplayReaders, 4)
	if o.ReadLimit <= 0 {
		o.ReadLimit = 64 << 10
	}
	if o.Rate <= 0 {
		o.Rate = 20
	}
	if o.AttendeeRate <= 0 {
		o.AttendeeRate = o.Rate
	}
	if o.PingPeriod <= 0 {
		o.PingPeriod = 30 * time.Second
	}
	if o.PongWait <= 0 {
		o.PongWait = 2 * o.PingPeriod
	}
	if o.WriteWait <= 0 {
		o.WriteWait = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

type room struct {
	clients map[*client]struct{}
	online  map[string]int // attendee id → open connections
}

// Hub routes frames between the connections of each codelab.
type Hub struct {
	opts     Options
	upgrader websocket.Upgrader
	mu       sync.RWMutex
	rooms    map[string]*room
	closed   bool
	conns    sync.WaitGroup
	limits   limits     // per-attendee connections and rate (limits.go)
	replay   replayGate // concurrent replay reads (limits.go)
}

// NewHub makes a hub.
func NewHub(opts Options) *Hub {
	opts.defaults()
	h := &Hub{opts: opts, rooms: map[string]*room{}}
	h.limits = limits{conns: map[attendeeKey]int{}, buckets: map[attendeeKey]*bucket{}}
	h.replay.slots = make(chan struct{}, opts.ReplayReaders)
	// Gorilla writes only control frames here (data frames go out through
	// frame.go), so no connection keeps a write buffer: the pool lends one
	// if ever needed. ReadBufferSize 0 reuses the HTTP server's read buffer,
	// which the hijacked connection keeps alive anyway.
	h.upgrader = websocket.Upgrader{WriteBufferPool: &sync.Pool{}, CheckOrigin: opts.CheckOrigin, Error: opts.UpgradeError}
	return h
}

// Publish delivers a persisted event to every connection of its codelab
// allowed to see it. It never blocks. Callers publish in seq order.
func (h *Hub) Publish(ev Event) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	r := h.rooms[ev.CodelabID]
	if r == nil {
		return
	}
	shared := outFrame{seq: ev.Seq, wire: textFrame(ev.Frame)} // framed once for the room
	for c := range r.clients {
		if !ev.VisibleFor(c.who) {
			continue
		}
		if ev.CID != "" && c.who.ID == ev.ActorID {
			c.deliver(outFrame{seq: ev.Seq, wire: textFrame(ev.FrameFor(c.who))}) // the actor's own tabs get the cid
			continue
		}
		c.deliver(shared)
	}
}

// SendTo delivers an ephemeral frame (no seq, not replayed) to one
// attendee's connections in a codelab.
func (h *Hub) SendTo(codelabID, attendeeID string, frame []byte) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if r := h.rooms[codelabID]; r != nil {
		f := frameOf(frame)
		for c := range r.clients {
			if c.who.ID == attendeeID {
				c.deliver(f)
			}
		}
	}
}

// Online returns the ids of a codelab's attendees with an open connection.
func (h *Hub) Online(codelabID string) map[string]bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := map[string]bool{}
	if r := h.rooms[codelabID]; r != nil {
		for id := range r.online {
			out[id] = true
		}
	}
	return out
}

// IsOnline reports whether attendeeID has an open connection in codelabID,
// without copying the room's presence map as Online does.
func (h *Hub) IsOnline(codelabID, attendeeID string) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	r := h.rooms[codelabID]
	return r != nil && r.online[attendeeID] > 0
}

// Close disconnects everyone ("going away") and waits for the connections
// to finish, at most until ctx ends.
func (h *Hub) Close(ctx context.Context) {
	h.mu.Lock()
	h.closed = true
	for _, r := range h.rooms {
		for c := range r.clients {
			c.kick(websocket.CloseGoingAway, "server shutting down")
		}
	}
	h.mu.Unlock()
	done := make(chan struct{})
	go func() { h.conns.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

type presenceFrame struct {
	Type     string       `json:"type"`
	Attendee model.Person `json:"attendee"`
	Online   bool         `json:"online"`
}

// join registers c; the first connection of an attendee announces it online.
func (h *Hub) join(c *client) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.conns.Add(1)
	r := h.rooms[c.who.CodelabID]
	if r == nil {
		r = &room{clients: map[*client]struct{}{}, online: map[string]int{}}
		h.rooms[c.who.CodelabID] = r
	}
	r.clients[c] = struct{}{}
	if c.who.attendee() {
		r.online[c.who.ID]++
		if r.online[c.who.ID] == 1 {
			h.presenceLocked(r, c.who, true)
		}
	}
	return true
}

// leave unregisters c; the last connection of an attendee announces it offline.
func (h *Hub) leave(c *client) {
	h.mu.Lock()
	r := h.rooms[c.who.CodelabID]
	if r != nil {
		delete(r.clients, c)
		if c.who.attendee() {
			r.online[c.who.ID]--
			if r.online[c.who.ID] <= 0 {
				delete(r.online, c.who.ID)
				h.presenceLocked(r, c.who, false)
			}
		}
		if len(r.clients) == 0 {
			delete(h.rooms, c.who.CodelabID)
		}
	}
	h.mu.Unlock()
	h.conns.Done()
	if h.opts.OnLeave != nil {
		h.opts.OnLeave(c.who)
	}
}

func (h *Hub) presenceLocked(r *room, who Identity, online bool) {
	data, _ := json.Marshal(presenceFrame{Type: "presence", Attendee: model.Person{ID: who.ID, Name: who.Name}, Online: online})
	f := frameOf(data)
	for c := range r.clients {
		if c.who.ID != who.ID {
			c.deliverIfLive(f)
		}
	}
}

// onlineList is Online as a slice, for the ready frame.
func (h *Hub) onlineList(codelabID string) []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	ids := []string{}
	if r := h.rooms[codelabID]; r != nil {
		for id := range r.online {
			ids = append(ids, id)
		}
	}
	return ids
}
