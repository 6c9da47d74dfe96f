package api_test

import (
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
)

// TestSenderEventCarriesCid: through the real store, the sender's own chat
// event (live and replayed) carries the cid it was sent with; another
// attendee's copy has none (docs/realtime.md, "Server → client").
func TestSenderEventCarriesCid(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	tb, _ := e.register("Ben")
	a, b := e.attendeeWS(ta, 0), e.attendeeWS(tb, 0)

	a.send(map[string]any{"type": "chat", "cid": "c1", "text": "hi"})
	if ev := a.waitFor("own chat", func(m map[string]any) bool { return m["type"] == "chat" }); ev["cid"] != "c1" || ev["text"] != "hi" {
		t.Errorf("sender got %v, want its chat event with cid c1", ev)
	}
	if ev := b.nextNot("presence"); ev["type"] != "chat" || ev["cid"] != nil {
		t.Errorf("other attendee got %v, want the chat event without a cid", ev)
	}
	again := e.dialRaw("/ws?token=" + ta + "&since=0") // the replay comes before ready
	if ev := again.waitFor("replayed chat", func(m map[string]any) bool { return m["type"] == "chat" }); ev["cid"] != "c1" {
		t.Errorf("sender's replay got %v, want cid c1", ev)
	}
}
