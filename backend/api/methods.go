package api

import (
	"net/http"
	"slices"
	"strings"
)

// apiMethods are the methods the API's routes use.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// noRoute answers an /api/ path no route matched: 405 with an Allow header
// when the path exists for other methods, else 404. ServeMux would answer
// 405 itself in plain text, but the /api/ catch-all matches first.
func (a *API) noRoute(w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range apiMethods {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return Errorf(http.StatusNotFound, "not_found", "No API endpoint %s %s.", r.Method, r.URL.Path)
	}
	if slices.Contains(allow, http.MethodGet) {
		allow = append(allow, http.MethodHead)
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	return Errorf(http.StatusMethodNotAllowed, "method_not_allowed", "%s is not allowed on %s; use %s.", r.Method, r.URL.Path, strings.Join(allow, " or "))
}
