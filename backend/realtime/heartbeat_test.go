package realtime

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// noEvents is a handler with an empty log: heartbeats need no content.
type noEvents struct{}

func (noEvents) Handle(context.Context, Identity, Message) (int64, error) { return 0, nil }
func (noEvents) Replay(context.Context, Identity, int64, int) ([]Event, error) {
	return nil, nil
}

// A client that stops answering pings (its reader is gone, as with a laptop
// that slept) is dropped after PongWait; one that reads stays connected
// through many ping periods.
func TestHeartbeatDropsSilentClient(t *testing.T) {
	left := make(chan string, 4)
	hub := NewHub(Options{PingPeriod: 40 * time.Millisecond, PongWait: time.Second,
		OnLeave: func(who Identity) { left <- who.ID }})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hub.Serve(w, r, Identity{CodelabID: "c", ID: r.URL.Query().Get("id")}, 0, noEvents{})
	}))
	defer srv.Close()
	defer hub.Close(context.Background())
	url := "ws" + strings.TrimPrefix(srv.URL, "http")

	alive, _, err := websocket.DefaultDialer.Dial(url+"?id=alive", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer alive.Close()
	pings := make(chan struct{}, 64)
	alive.SetPingHandler(func(data string) error {
		pings <- struct{}{}
		return alive.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
	})
	go func() { // the reader answers pings (gorilla runs the handler inside reads)
		for {
			if _, _, err := alive.ReadMessage(); err != nil {
				return
			}
		}
	}()

	silent, _, err := websocket.DefaultDialer.Dial(url+"?id=silent", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close() // never read: pings go unanswered

	select {
	case id := <-left:
		if id != "silent" {
			t.Fatalf("got %q dropped first, want the silent client", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the silent client was not dropped within 5s, want after ~1s without pongs")
	}
	// The reading client answered; it must outlive many ping periods.
	for i := 0; i < 10; i++ {
		select {
		case <-pings:
		case id := <-left:
			t.Fatalf("got %q dropped after %d pings, want the answering client kept", id, i)
		case <-time.After(5 * time.Second):
			t.Fatalf("got %d pings, want 10", i)
		}
	}
	select {
	case id := <-left:
		t.Fatalf("got %q dropped, want the answering client kept", id)
	default:
	}
}
