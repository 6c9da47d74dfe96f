package realtime_test

import (
	"bytes"
	"compress/flate"
	"io"
	"testing"
)

// chatFrame is a typical chat event as the hub sends it.
var chatFrame = []byte(`{"type":"chat","seq":18342,"cid":"c-5f1e9a2b","text":"Step 3 fails for me: go test says undefined: NewStore, did I miss an import?",` +
	`"from":{"id":"yt4h44e3ehic","name":"Ada Lovelace"},"at":"2026-12-01T01:01:02.511712935Z"}`)

// BenchmarkPermessageDeflate is what permessage-deflate (RFC 7692) would
// cost per chat frame, done the way gorilla/websocket does it: a pooled
// flate writer at level 1, reset per message (no context takeover), the
// final empty block stripped. Without a PreparedMessage this runs once per
// recipient, so a 2,000-seat room pays it 2,000 times per chat. The
// inflate half is each browser's (and the server's, for frames it reads).
//
//	go test -run '^$' -bench PermessageDeflate -benchmem ./backend/realtime/
func BenchmarkPermessageDeflate(b *testing.B) {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed)
	var out bytes.Buffer
	b.Run("deflate", func(b *testing.B) {
		b.SetBytes(int64(len(chatFrame)))
		for b.Loop() {
			out.Reset()
			fw.Reset(&out)
			fw.Write(chatFrame)
			fw.Flush()
		}
		b.ReportMetric(float64(out.Len()-4), "wire-bytes")
		b.ReportMetric(float64(len(chatFrame)), "plain-bytes")
	})
	compressed := append([]byte(nil), out.Bytes()...)
	fr := flate.NewReader(nil)
	b.Run("inflate", func(b *testing.B) {
		b.SetBytes(int64(len(chatFrame)))
		for b.Loop() {
			fr.(flate.Resetter).Reset(io.MultiReader(bytes.NewReader(compressed), bytes.NewReader([]byte{0x01, 0x00, 0x00, 0xff, 0xff})), nil)
			if _, err := io.Copy(io.Discard, fr); err != nil {
				b.Fatal(err)
			}
		}
	})
}
