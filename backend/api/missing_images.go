package api

import (
	"database/sql"
	"net/http"
	"strings"

	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// missingRoutes registers the endpoints that list and fix image references
// an import could not resolve (issue #9: claat's sample points at
// img/codelabexample.png, which a bare .md upload cannot carry).
func (a *API) missingRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/admin/codelabs/{id}/missing-images", a.admin(a.listMissingImages))
	m.HandleFunc("POST /api/admin/codelabs/{id}/missing-images", a.admin(a.fixMissingImage))
}

// missingImage is one relative image URL no stored upload backs, and where
// it is used.
type missingImage struct {
	Ref     string `json:"ref"`
	Steps   []int  `json:"steps"`
	InGuide bool   `json:"in_guide,omitempty"`
}

// missingImages lists the codelab's relative image URLs that are not
// uploads/<name>, in order of first use.
func missingImages(c *model.Codelab) []missingImage {
	out := []missingImage{}
	index := map[string]int{}
	add := func(md string, step int) {
		for _, ref := range importer.LocalImageRefs(md) {
			if _, ok := uploadRef(ref); ok {
				continue
			}
			i, ok := index[ref]
			if !ok {
				i = len(out)
				index[ref] = i
				out = append(out, missingImage{Ref: ref, Steps: []int{}})
			}
			if step == 0 {
				out[i].InGuide = true
			} else {
				out[i].Steps = append(out[i].Steps, step)
			}
		}
	}
	for _, s := range c.Steps {
		add(s.Markdown, s.Number)
	}
	add(c.GuideMarkdown, 0)
	return out
}

// listMissingImages: GET /api/admin/codelabs/{id}/missing-images.
func (a *API) listMissingImages(w http.ResponseWriter, r *http.Request) error {
	c, err := a.Store.GetCodelab(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"missing": missingImages(c)})
}

// fixMissingImage stores the image uploaded for one missing reference like
// any upload and points every use of that reference at it:
// POST /api/admin/codelabs/{id}/missing-images (multipart: ref, file; or
// ref in the query string).
func (a *API) fixMissingImage(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	fields, file, err := readForm(w, r, maxUploadBytes,
		Errorf(http.StatusRequestEntityTooLarge, "upload_too_large", "An image may be at most %d MB.", maxUploadBytes>>20))
	if err != nil {
		return err
	}
	ref := fields["ref"]
	if ref == "" { // the desktop window's native picker can only add a query
		ref = r.URL.Query().Get("ref")
	}
	if strings.TrimSpace(ref) == "" {
		return fieldError("ref", "required", nil, "The field ref (the image reference to fix) is required.")
	}
	if _, ok := uploadRef(ref); ok || !importer.IsLocalRef(ref) {
		return fieldError("ref", "invalid", nil, "The field ref must be a relative image reference such as img/photo.png.")
	}
	a.content.mu.RLock()
	defer a.content.mu.RUnlock()
	u, err := a.saveImage(file.name, file.data)
	if err != nil {
		return err
	}
	u.CodelabID = id
	url := "uploads/" + u.Name
	var steps []int
	var guide bool
	err = a.Store.Write(r.Context(), func(tx *sql.Tx) error {
		var err error
		steps, guide, err = store.RewriteMarkdownTx(r.Context(), tx, id, func(md string) string {
			return importer.RewriteImages(md, func(v string) string {
				if v == ref {
					return url
				}
				return v
			})
		})
		if err != nil {
			return err
		}
		if len(steps) == 0 && !guide {
			return badRequest("unknown_reference", "The codelab does not use the image %s (any more).", ref)
		}
		return store.InsertUploadTx(r.Context(), tx, u)
	})
	if err != nil {
		a.removeUpload(u.Name)
		return err
	}
	a.notifyCodelabChanged(id)
	c, err := a.Store.GetCodelab(r.Context(), id)
	if err != nil {
		return err
	}
	if steps == nil {
		steps = []int{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"ref": ref, "url": url, "steps": steps, "in_guide": guide, "missing": missingImages(c),
	})
}
