package realtime

import (
	"encoding/binary"
	"net"
)

// A frame is queued as its bytes on the wire: the WebSocket header of an
// unmasked, final text frame (RFC 6455 §5.2; a server never masks) and
// the payload, encoded once per event and shared by every recipient.
// Each message stays exactly one frame, as the clients expect. The
// connection's writer then sends whatever has queued up with one writev
// (net.Buffers) instead of one write and one wake-up per frame, which is
// what gorilla's WriteMessage would cost. Gorilla still does the
// handshake, the reading and the control frames (ping, pong, close). The
// reader may answer a peer's ping while the writer sends a batch; they do
// not interleave inside a frame because each net.Conn Write (and writev)
// is one call under the socket's write lock (TestPeerPingsDoNotSplitFrames).

// textFrame returns payload framed as one WebSocket text message.
func textFrame(payload []byte) []byte {
	n := len(payload)
	var out []byte
	switch {
	case n < 126:
		out = make([]byte, 2, 2+n)
		out[1] = byte(n)
	case n <= 0xffff:
		out = make([]byte, 4, 4+n)
		out[1] = 126
		binary.BigEndian.PutUint16(out[2:], uint16(n))
	default:
		out = make([]byte, 10, 10+n)
		out[1] = 127
		binary.BigEndian.PutUint64(out[2:], uint64(n))
	}
	out[0] = 0x81 // FIN + text
	return append(out, payload...)
}

// writeBatch sends frames with one writev where the OS allows it; bufs is
// scratch space the caller keeps between calls.
func writeBatch(conn net.Conn, frames []outFrame, bufs net.Buffers) (net.Buffers, error) {
	if len(frames) == 1 {
		_, err := conn.Write(frames[0].wire)
		return bufs, err
	}
	bufs = bufs[:0]
	for _, f := range frames {
		bufs = append(bufs, f.wire)
	}
	scratch := bufs // WriteTo consumes its receiver
	_, err := scratch.WriteTo(conn)
	clear(bufs) // keep no frame alive past its write
	return bufs, err
}
