package api

import (
	"net/http"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/qrcode"
)

// JoinInfo is how attendees can reach this laptop right now.
type JoinInfo struct {
	Name        string   // workshop name in use
	MDNSHost    string   // e.g. "codelabs.local"; empty when mDNS is off or failed
	URLs        []string // attendee URLs: LAN IPs first, then the .local one
	MDNSRunning bool
	MDNSError   string
	HasLAN      bool // false when the server is reachable on loopback only
}

// joinInfo serves the join screen's data: the URLs, a QR code of the first
// IP URL (phones often cannot resolve .local), and warnings when the room
// cannot reach the laptop. ?codelab=ID points the URLs at one codelab and
// adds its access code.
func (a *API) joinInfo(w http.ResponseWriter, r *http.Request) error {
	if a.JoinInfo == nil {
		return Errorf(http.StatusNotFound, "not_found", "Join info is not available in this server.")
	}
	info := a.JoinInfo()
	code, accessCode, title := "", "", ""
	if id := r.URL.Query().Get("codelab"); id != "" {
		c, err := a.Store.CodelabSummary(r.Context(), id)
		if err != nil {
			return err
		}
		accessCode, title = c.AccessCode, c.Title
		// A short link (/c/CODE) reads well from the back of the room and is easy to type.
		if code, err = a.shortCode(r.Context(), c.ID); err != nil {
			return err
		}
	}
	urls := make([]string, len(info.URLs))
	qrURL := ""
	for i, u := range info.URLs {
		urls[i] = u
		if code != "" {
			urls[i] = shortURL(u, code)
		}
		if qrURL == "" && !strings.Contains(u, ".local") {
			qrURL = urls[i]
		}
	}
	if qrURL == "" && len(urls) > 0 {
		qrURL = urls[0]
	}
	svg, err := qrcode.SVG(qrURL)
	if err != nil {
		return err
	}
	notices := []model.Notice{}
	if !info.HasLAN {
		notices = append(notices, model.NewNotice("no_lan",
			"This computer has no network address other than itself: attendees cannot reach it. Connect it to the room's Wi-Fi or network."))
	}
	if info.MDNSError != "" {
		notices = append(notices, model.NewNotice("mdns_failed",
			"The name "+info.Name+".local could not be advertised ("+info.MDNSError+"). Attendees can still use the IP address.",
			"name", info.Name+".local", "error", info.MDNSError))
	}
	mdnsURL := ""
	for _, u := range urls {
		if strings.Contains(u, ".local") {
			mdnsURL = u
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"name": info.Name, "mdns_host": info.MDNSHost, "urls": urls, "qr_url": qrURL, "qr_svg": svg,
		"mdns_url": mdnsURL, "mdns_running": info.MDNSRunning, "mdns_error": info.MDNSError,
		"has_lan": info.HasLAN, "warnings": model.NoticeMessages(notices), "notices": notices,
		"codelab_title": title, "access_code": accessCode, "short_code": code,
	})
}
