//go:build ignore

// ttc2ttf copies the first face of a TrueType collection into a plain .ttf
// (fpdf reads only .ttf). Tables are copied unchanged, only re-addressed.
// Usage: go run ttc2ttf.go wqy-microhei.ttc WenQuanYiMicroHei.ttf
package main

import (
	"encoding/binary"
	"log"
	"os"
)

func main() {
	in, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	be := binary.BigEndian
	if string(in[:4]) != "ttcf" {
		log.Fatal("not a TTC")
	}
	face := be.Uint32(in[12:]) // offset of the first font
	n := int(be.Uint16(in[face+4:]))
	head := append([]byte{}, in[face:face+12+uint32(16*n)]...)
	out := make([]byte, len(head))
	for i := 0; i < n; i++ {
		rec := head[12+16*i:]
		off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		be.PutUint32(rec[8:], uint32(len(head)+len(out)-len(head)))
		out = append(out, in[off:off+length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	copy(out, head)
	if err := os.WriteFile(os.Args[2], out, 0o644); err != nil {
		log.Fatal(err)
	}
}
