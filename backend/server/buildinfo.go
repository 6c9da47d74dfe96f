package server

// Commit is the source commit the binary was built from, set at build time
// with -ldflags -X (Makefile: COMMIT). Version is in server.go.
var Commit = "unknown"

// VersionLine is what --version prints and the About dialog shows.
func VersionLine() string {
	return "Open Codelabs " + Version + " (commit " + Commit + ")"
}
