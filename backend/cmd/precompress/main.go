// Command precompress writes .gz and .br siblings of the built web apps'
// static files (`make frontend` runs it on frontend/dist), so the server
// sends brotli or gzip without compressing anything per request.
//
//	go run ./backend/cmd/precompress frontend/dist
package main

import (
	"fmt"
	"os"

	"github.com/opencodelabs/desktop/backend/precompress"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress DIR")
		os.Exit(2)
	}
	st, err := precompress.Dir(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
	fmt.Printf("precompress: %d of %d files, %d bytes -> gzip %d, brotli %d\n",
		st.Compressed, st.Files, st.Bytes, st.Gzip, st.Brotli)
}
