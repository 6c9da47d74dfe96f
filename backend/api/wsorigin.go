package api

import "net/http"

// checkWSOrigin refuses a WebSocket upgrade from a foreign page before the
// upgrader sees it, so the refusal has the JSON error shape.
func checkWSOrigin(r *http.Request) error {
	if CheckWSOrigin(r) {
		return nil
	}
	return Errorf(http.StatusForbidden, "origin_not_allowed",
		"Live connections are only accepted from this server's own pages; this page's origin is not one of them.")
}

// WSUpgradeError is the hub upgrader's error writer: a failed WebSocket
// handshake answers in the JSON error shape, not in plain text.
func WSUpgradeError(w http.ResponseWriter, r *http.Request, status int, reason error) {
	code := "websocket_handshake"
	msg := "This address expects a WebSocket connection: " + reason.Error() + "."
	if status == http.StatusForbidden {
		code, msg = "origin_not_allowed", "Live connections are only accepted from this server's own pages."
	}
	_ = writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}
