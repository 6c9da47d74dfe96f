package importer_test

import (
	"fmt"

	"github.com/opencodelabs/desktop/backend/importer"
)

// The caller stores each asset somewhere of its own and points the
// markdown at the stored copies.
func ExampleRewriteImages() {
	stored := map[string]string{"img/arch.png": "/uploads/3f2a.png"}
	md := "![Architecture](img/arch.png) ![logo](https://example.com/logo.png)\n\n```\n![not an image](img/arch.png)\n```"
	fmt.Println(importer.RewriteImages(md, func(u string) string {
		if s, ok := stored[u]; ok {
			return s
		}
		return u
	}))
	// Output:
	// ![Architecture](/uploads/3f2a.png) ![logo](https://example.com/logo.png)
	//
	// ```
	// ![not an image](img/arch.png)
	// ```
}
