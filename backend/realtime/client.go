package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/model"
)

// CloseSlowClient is the close code sent when a connection's send queue
// overflowed; the client should reconnect with since = its last seq.
const CloseSlowClient = 4008

// replayPage is how many events one Replay call fetches.
const replayPage = 500

type outFrame struct {
	seq  int64  // 0 for ephemeral frames
	wire []byte // the whole WebSocket frame (frame.go), shared by recipients
}

// frameOf is an ephemeral frame (no seq) for payload.
func frameOf(payload []byte) outFrame { return outFrame{wire: textFrame(payload)} }

// keptQueue is the largest queue capacity the writer keeps for reuse; a
// burst's bigger queue is left to the GC, so an idle connection holds a
// few hundred bytes, not the 256-frame maximum.
const keptQueue = 16

// client is one WebSocket connection. Frames reach it through deliver;
// before it is live (while replaying) they wait in pending, then in queue
// (at most QueueSize frames) until the writer takes them all at once.
type client struct {
	hub  *Hub
	conn *websocket.Conn
	who  Identity
	wake chan struct{} // 1 slot: the queue went from empty to not empty

	mu          sync.Mutex
	live        bool
	pending     []outFrame
	queue       []outFrame
	quit        chan struct{}
	closeCode   int
	closeReason string

	tokens float64
	last   time.Time
	shared *bucket // the attendee's bucket across connections (nil: facilitator)

	spare []outFrame  // the writer's: the previous batch, reused as the next queue
	bufs  net.Buffers // the writer's writev scratch
}

var errCutOff = errors.New("realtime: cut off during replay")

// deliver queues f without blocking; a full queue cuts the client off.
func (c *client) deliver(f outFrame) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closeCode != 0 {
		return
	}
	if !c.live {
		if len(c.pending) >= c.hub.opts.ReplayBuffer {
			c.kickLocked(CloseSlowClient, "too slow: reconnect with since")
			return
		}
		c.pending = append(c.pending, f)
		return
	}
	c.enqueueLocked(f)
}

// enqueueLocked appends f to the live queue and wakes the writer if it
// was empty; a full queue cuts the client off.
func (c *client) enqueueLocked(f outFrame) {
	if len(c.queue) >= c.hub.opts.QueueSize {
		c.kickLocked(CloseSlowClient, "too slow: reconnect with since")
		return
	}
	c.queue = append(c.queue, f)
	if len(c.queue) == 1 {
		select {
		case c.wake <- struct{}{}:
		default: // already signalled
		}
	}
}

// deliverIfLive queues an ephemeral frame (presence) only for a live
// client: one still replaying gets the same state in its ready frame, so
// a reconnect storm does not fill every pending buffer with presence.
func (c *client) deliverIfLive(f outFrame) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closeCode != 0 || !c.live {
		return
	}
	c.enqueueLocked(f)
}

func (c *client) kick(code int, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kickLocked(code, reason)
}

func (c *client) kickLocked(code int, reason string) {
	if c.closeCode != 0 {
		return
	}
	c.closeCode, c.closeReason = code, reason
	close(c.quit)
}

// Serve upgrades the request and starts the connection: it replays
// events after since, then goes live, in goroutines of its own, and
// returns once the connection has joined its room. The caller has already
// authenticated who (and answered refusals as JSON before calling).
// A refusal before the upgrade (an attendee over MaxConnsPerAttendee:
// code too_many_sockets) is returned with nothing written, for the
// caller to answer as JSON; after the upgrade Serve returns nil.
//
// Returning frees what the HTTP server keeps for a request while its
// handler runs (its buffers, the request, and a goroutine stack grown deep
// by the token lookup in SQLite): about half the memory of an idle socket
// at 2,000 attendees (docs/performance.md). Hub.Close waits for the
// connections.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, who Identity, since int64, handler Handler) error {
	if err := h.reserve(who); err != nil {
		return err
	}
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		h.release(who)
		return nil // the upgrader has answered with an HTTP error
	}
	c := &client{hub: h, conn: conn, who: who, wake: make(chan struct{}, 1),
		quit: make(chan struct{}), tokens: float64(h.opts.Burst), last: time.Now(), shared: h.attendeeBucket(who)}
	if !h.join(c) {
		conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down"),
			time.Now().Add(time.Second))
		conn.Close()
		h.release(who)
		return nil
	}
	go c.run(since, handler)
	return nil
}

// run is a joined connection's life: replay, then the writer and this
// reader until either ends; then it leaves the room.
func (c *client) run(since int64, handler Handler) {
	h, conn := c.hub, c.conn
	defer h.release(c.who)
	defer h.leave(c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conn.SetReadLimit(h.opts.ReadLimit)
	if tc, ok := conn.NetConn().(*net.TCPConn); ok && h.opts.SocketWriteBuffer > 0 {
		_ = tc.SetWriteBuffer(h.opts.SocketWriteBuffer) // a hint; the OS may keep its own size
	}

	if err := c.catchUp(ctx, handler, since); err != nil {
		c.kick(websocket.CloseInternalServerErr, "replay failed")
		h.opts.Logger.Debug("realtime: replay", "err", err)
		c.closeNow()
		return
	}
	writerDone := make(chan struct{})
	go func() { defer close(writerDone); c.writePump() }()
	c.readPump(ctx, handler)
	c.kick(websocket.CloseNormalClosure, "")
	<-writerDone
}

// onFreshStack runs read in a short-lived goroutine: SQLite (modernc)
// grows a goroutine's stack to tens of KB, and a connection's own
// goroutines live as long as the connection; this one's stack is freed
// when it returns.
func onFreshStack(read func() ([]Event, error)) ([]Event, error) {
	var evs []Event
	var err error
	done := make(chan struct{})
	go func() { defer close(done); evs, err = read() }()
	<-done
	return evs, err
}

// catchUp writes the replay straight to the socket (no writer runs yet),
// then the live frames that arrived meanwhile, skipping seqs already sent,
// and finally marks the client live. Frames are neither lost nor doubled.
// Pages are read through the hub's replay gate (a bounded number at once)
// and without any hub lock; the socket writes happen outside the gate, so
// a slow reader delays only itself.
func (c *client) catchUp(ctx context.Context, handler Handler, since int64) error {
	last := since
	for {
		evs, err := c.hub.replay.page(ctx, c.quit, func() ([]Event, error) {
			return onFreshStack(func() ([]Event, error) { return handler.Replay(ctx, c.who, last, replayPage) })
		})
		if err != nil {
			return err
		}
		for _, ev := range evs {
			if err := c.write(ev.FrameFor(c.who)); err != nil { // the writer is not running yet: ours alone
				return err
			}
			last = ev.Seq
		}
		if len(evs) < replayPage {
			break
		}
	}
	for {
		c.mu.Lock()
		batch := c.pending
		c.pending = nil
		if len(batch) == 0 {
			c.live = true
		}
		quit := c.closeCode != 0
		c.mu.Unlock()
		if quit {
			return errCutOff
		}
		if len(batch) == 0 {
			break
		}
		for _, f := range batch {
			if f.seq > 0 && f.seq <= last {
				continue
			}
			if err := c.writeWire(f.wire); err != nil {
				return err
			}
			if f.seq > 0 {
				last = f.seq
			}
		}
	}
	ready, _ := json.Marshal(map[string]any{"type": "ready", "seq": last, "you": model.Person{ID: c.who.ID, Name: c.who.Name},
		"online": c.hub.onlineList(c.who.CodelabID)})
	return c.write(ready)
}

// write sends payload as one text frame; only one goroutine writes at a
// time (catchUp before the writer starts, then the writer).
func (c *client) write(payload []byte) error {
	return c.writeWire(textFrame(payload))
}

// writeWire sends one framed message.
func (c *client) writeWire(wire []byte) error {
	nc := c.conn.NetConn()
	if err := nc.SetWriteDeadline(time.Now().Add(c.hub.opts.WriteWait)); err != nil {
		return err
	}
	_, err := nc.Write(wire)
	return err
}

// writeQueued takes every frame queued so far and sends them together.
func (c *client) writeQueued() error {
	c.mu.Lock()
	batch := c.queue
	c.queue = c.spare[:0]
	c.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	nc := c.conn.NetConn()
	err := nc.SetWriteDeadline(time.Now().Add(c.hub.opts.WriteWait))
	if err == nil {
		c.bufs, err = writeBatch(nc, batch, c.bufs)
	}
	clear(batch) // the frames may go; the slice is the next queue
	c.spare = batch[:0]
	if cap(batch) > keptQueue {
		c.spare = nil
	}
	if cap(c.bufs) > keptQueue {
		c.bufs = nil
	}
	return err
}

// closeNow sends the close frame with the kick reason and closes the socket.
func (c *client) closeNow() {
	c.mu.Lock()
	code, reason := c.closeCode, c.closeReason
	c.mu.Unlock()
	if code == 0 {
		code = websocket.CloseNormalClosure
	}
	c.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason),
		time.Now().Add(c.hub.opts.WriteWait))
	c.conn.Close()
}

// writePump is the connection's only writer once it is live, as in
// gorilla's examples/chat/client.go.
func (c *client) writePump() {
	ticker := time.NewTicker(c.hub.opts.PingPeriod)
	defer ticker.Stop()
	defer c.closeNow()
	for {
		select {
		case <-c.wake:
			if err := c.writeQueued(); err != nil {
				c.kick(websocket.CloseAbnormalClosure, "write failed")
				return
			}
		case <-ticker.C:
			if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.hub.opts.WriteWait)); err != nil {
				c.kick(websocket.CloseAbnormalClosure, "ping failed")
				return
			}
		case <-c.quit:
			return
		}
	}
}

type inFrame struct {
	Type string `json:"type"`
	CID  string `json:"cid"`
}

// readPump is the connection's only reader; it answers pings, enforces
// the size and rate limits and hands the rest to the handler.
func (c *client) readPump(ctx context.Context, handler Handler) {
	o := c.hub.opts
	c.conn.SetReadDeadline(time.Now().Add(o.PongWait))
	c.conn.SetPongHandler(func(string) error {
		c.conn.SetReadDeadline(time.Now().Add(o.PongWait))
		return nil
	})
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.conn.SetReadDeadline(time.Now().Add(o.PongWait))
		if len(data) > o.MaxMessage {
			c.sendError("message_too_large", "Messages can be at most 4 KB.", "")
			continue
		}
		var in inFrame
		if err := json.Unmarshal(data, &in); err != nil || in.Type == "" {
			c.sendError("bad_frame", "A frame must be a JSON object with a type.", "")
			continue
		}
		if !c.allow() {
			c.sendError("rate_limited", "Too many messages; slow down.", in.CID)
			continue
		}
		if in.Type == "ping" {
			pong := map[string]string{"type": "pong"}
			if in.CID != "" {
				pong["cid"] = in.CID
			}
			c.sendJSON(pong)
			continue
		}
		if in.CID == "" || len(in.CID) > 64 {
			c.sendError("bad_cid", "Each message needs a cid of 1 to 64 characters.", "")
			continue
		}
		seq, err := handler.Handle(ctx, c.who, Message{Type: in.Type, CID: in.CID, Raw: data})
		var rerr *Error
		switch {
		case errors.As(err, &rerr):
			c.sendError(rerr.Code, rerr.Message, in.CID)
		case err != nil:
			o.Logger.Error("realtime: handle message", "type", in.Type, "err", err)
			c.sendError("internal", "The server could not save that; try again.", in.CID)
		default:
			c.sendJSON(map[string]any{"type": "ack", "cid": in.CID, "seq": seq})
		}
	}
}

// allow takes a token from the connection's bucket and then from the
// attendee's bucket shared by all their connections, so opening more tabs
// does not raise anyone's rate.
func (c *client) allow() bool {
	now := time.Now()
	o := c.hub.opts
	elapsed := max(0, now.Sub(c.last).Seconds()) // a clock step back refills nothing
	c.tokens = min(float64(o.Burst), c.tokens+elapsed*o.Rate)
	c.last = now
	if c.tokens < 1 {
		return false
	}
	c.tokens--
	return c.shared == nil || c.shared.take(now, o.AttendeeRate, o.AttendeeBurst)
}

func (c *client) sendJSON(v any) {
	data, _ := json.Marshal(v)
	c.deliver(frameOf(data))
}

func (c *client) sendError(code, message, cid string) {
	f := map[string]string{"type": "error", "code": code, "message": message}
	if cid != "" {
		f["cid"] = cid
	}
	c.sendJSON(f)
}
