package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// The floor is a bare gorilla/websocket broadcast server that speaks just
// enough of the product's protocol for the same clients: register (a token
// in a map, nothing stored), /ws with since replay from memory, chat frames
// of the same shape broadcast to everyone, acks, progress acks, the
// facilitator's socket and attendee list. No database, no auth beyond the
// token lookup, no rate limits. The harness runs it as a child process
// (`loadtest floor-server`) like the real server, so both are measured the
// same way: their own process, RSS and GC, the same clients.

const floorQueue = 256 // frames queued per socket before it is cut, as slow clients are

type floorServer struct {
	token  string
	mu     sync.Mutex
	people map[string]attendee // by token
	order  []attendee
	conns  map[*floorConn]bool
	frames [][]byte       // every chat frame, seq = index+1
	cids   map[string]int // attendee id + "\x00" + cid → seq: a re-sent chat is acked, not repeated
}

type floorConn struct {
	conn *websocket.Conn
	who  attendee
	send chan []byte
	once sync.Once
}

func (c *floorConn) cut() { c.once.Do(func() { c.conn.Close() }) }

// runFloorServer is the child's main: it prints the admin URL line the
// harness waits for and serves until killed.
func runFloorServer() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		return 1
	}
	f, mux := newFloor()
	fmt.Printf("admin URL: http://%s/admin/#token=%s\n", ln.Addr(), f.token)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		return 1
	}
	return 0
}

// newFloor builds the floor's state and routes.
func newFloor() (*floorServer, *http.ServeMux) {
	b := make([]byte, 16)
	rand.Read(b)
	f := &floorServer{token: hex.EncodeToString(b), people: map[string]attendee{}, conns: map[*floorConn]bool{}, cids: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/admin/codelabs", func(w http.ResponseWriter, r *http.Request) {
		floorJSON(w, http.StatusCreated, map[string]string{"id": "floor"})
	})
	mux.HandleFunc("PUT /api/admin/codelabs/{id}/steps", func(w http.ResponseWriter, r *http.Request) {
		floorJSON(w, http.StatusOK, map[string]any{})
	})
	mux.HandleFunc("POST /api/codelabs/{id}/attendees", f.register)
	mux.HandleFunc("GET /api/admin/codelabs/{id}/attendees", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		list := make([]map[string]string, 0, len(f.order))
		for _, a := range f.order {
			list = append(list, map[string]string{"id": a.ID, "name": a.Name})
		}
		f.mu.Unlock()
		floorJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("GET /ws", f.serveWS)
	mux.HandleFunc("GET /api/admin/ws", f.serveWS)
	return f, mux
}

func floorJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client has gone if this fails
}

func (f *floorServer) register(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
	}
	_ = json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&in) // the floor accepts any name, even none
	b := make([]byte, 16)
	rand.Read(b)
	f.mu.Lock()
	a := attendee{ID: "a" + strconv.Itoa(len(f.order)+1), Name: in.Name, Token: hex.EncodeToString(b)}
	f.people[a.Token] = a
	f.order = append(f.order, a)
	f.mu.Unlock()
	floorJSON(w, http.StatusCreated, map[string]any{"attendee": map[string]string{"id": a.ID, "name": a.Name}, "token": a.Token})
}

var floorUpgrader = websocket.Upgrader{ReadBufferSize: 4096, WriteBufferSize: 4096}

func (f *floorServer) serveWS(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("token")
	f.mu.Lock()
	who, ok := f.people[tok]
	f.mu.Unlock()
	if tok == f.token {
		who, ok = attendee{ID: "admin", Name: "Facilitator"}, true
	}
	if !ok {
		http.Error(w, `{"error":{"code":"unauthorized"}}`, http.StatusUnauthorized)
		return
	}
	since, _ := strconv.Atoi(r.URL.Query().Get("since"))
	conn, err := floorUpgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	// Replay and join under the lock, so no frame falls between them. The
	// replay does not count against the live queue (the product writes its
	// replay straight to the socket before going live): a socket cut for
	// being slow comes back with hundreds of frames to catch up on, and a
	// 256-frame queue holding them would cut it again at once, every time,
	// until the client gave up, which made the floor lose deliveries.
	f.mu.Lock()
	replay := f.frames[min(max(since, 0), len(f.frames)):]
	c := &floorConn{conn: conn, who: who, send: make(chan []byte, floorQueue+len(replay)+1)}
	go c.writePump()
	for _, fr := range replay {
		c.push(fr)
	}
	ready, _ := json.Marshal(map[string]any{"type": "ready", "seq": len(f.frames)})
	c.push(ready)
	f.conns[c] = true
	f.mu.Unlock()
	f.readPump(c)
	f.mu.Lock()
	delete(f.conns, c)
	close(c.send) // every push happens under f.mu, so none can follow
	f.mu.Unlock()
	c.cut()
}

// push queues a frame or cuts the socket when its queue is full.
func (c *floorConn) push(data []byte) {
	select {
	case c.send <- data:
	default:
		c.cut()
	}
}

func (c *floorConn) writePump() {
	for data := range c.send {
		c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if err := c.conn.WriteMessage(websocket.TextMessage, data); err != nil {
			c.cut()
			for range c.send { // drained until serveWS closes it
			}
			return
		}
	}
}

func (f *floorServer) readPump(c *floorConn) {
	c.conn.SetReadLimit(64 << 10)
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		var in struct {
			Type string `json:"type"`
			CID  string `json:"cid"`
			Text string `json:"text"`
			Step int    `json:"step"`
		}
		if json.Unmarshal(data, &in) != nil {
			continue
		}
		switch in.Type {
		case "chat":
			f.mu.Lock()
			key := c.who.ID + "\x00" + in.CID
			if seq, ok := f.cids[key]; ok { // a re-send after a reconnect: the product's cid rule
				ack, _ := json.Marshal(map[string]any{"type": "ack", "cid": in.CID, "seq": seq})
				c.push(ack)
				f.mu.Unlock()
				continue
			}
			seq := len(f.frames) + 1
			f.cids[key] = seq
			frame, _ := json.Marshal(map[string]any{"type": "chat", "seq": seq, "text": in.Text,
				"from": map[string]string{"id": c.who.ID, "name": c.who.Name}, "at": time.Now().UTC().Format(time.RFC3339Nano)})
			f.frames = append(f.frames, frame)
			for o := range f.conns {
				o.push(frame)
			}
			ack, _ := json.Marshal(map[string]any{"type": "ack", "cid": in.CID, "seq": seq})
			c.push(ack)
			f.mu.Unlock()
		case "progress":
			ack, _ := json.Marshal(map[string]any{"type": "ack", "cid": in.CID})
			f.mu.Lock()
			c.push(ack)
			f.mu.Unlock()
		}
	}
}
