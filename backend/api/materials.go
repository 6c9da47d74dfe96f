package api

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

const maxURLLen = 2048

// materialOut is a material as clients see it; files get a relative
// download URL (relative like upload URLs, so it works on any address).
type materialOut struct {
	model.Material
	DownloadURL string `json:"download_url,omitempty"`
}

func toMaterialOut(m model.Material) materialOut {
	out := materialOut{Material: m}
	if m.Kind == store.MaterialFile {
		out.DownloadURL = "api/codelabs/" + m.CodelabID + "/materials/" + m.ID + "/download"
	}
	return out
}

func materialsOut(list []model.Material) []materialOut {
	out := make([]materialOut, len(list))
	for i, m := range list {
		out[i] = toMaterialOut(m)
	}
	return out
}

func checkTitle(title string) (string, error) {
	t := strings.TrimSpace(title)
	if t == "" {
		return "", fieldError("title", "empty", nil, "The field title must not be empty.")
	}
	if utf8.RuneCountInString(t) > maxTitleLen {
		return "", fieldError("title", "too_long", map[string]any{"max": maxTitleLen}, "The field title must be at most %d characters.", maxTitleLen)
	}
	return t, nil
}

// checkLink accepts only absolute http and https URLs.
func checkLink(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if raw == "" || len(raw) > maxURLLen || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", badRequest("invalid_url", "The url must be an http:// or https:// address.")
	}
	return u.String(), nil
}

func (a *API) listMaterials(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.ListMaterials(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, materialsOut(list))
}

// createMaterial adds a link (JSON {title, url}) or a file (multipart
// file + title) to a codelab.
func (a *API) createMaterial(w http.ResponseWriter, r *http.Request) error {
	m := &model.Material{CodelabID: r.PathValue("id")}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		return a.createFileMaterial(w, r, m)
	}
	var in struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	link, err := checkLink(in.URL)
	if err != nil {
		return err
	}
	if strings.TrimSpace(in.Title) == "" {
		in.Title = link
	}
	if m.Title, err = checkTitle(in.Title); err != nil {
		return err
	}
	m.Kind, m.URL = store.MaterialLink, link
	if err := a.Store.CreateMaterial(r.Context(), m); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toMaterialOut(*m))
}

func (a *API) createFileMaterial(w http.ResponseWriter, r *http.Request, m *model.Material) error {
	fields, file, err := readForm(w, r, maxMaterialBytes,
		Errorf(http.StatusRequestEntityTooLarge, "material_too_large", "A material file may be at most %d MB.", maxMaterialBytes>>20))
	if err != nil {
		return err
	}
	m.OriginalName = cleanFileName(file.name)
	title := fields["title"]
	if strings.TrimSpace(title) == "" {
		title = m.OriginalName
	}
	if m.Title, err = checkTitle(title); err != nil {
		return err
	}
	m.Kind, m.Size, m.FileName = store.MaterialFile, int64(len(file.data)), randomName("")
	m.ContentType = mime.TypeByExtension(strings.ToLower(path.Ext(m.OriginalName)))
	if m.ContentType == "" {
		m.ContentType = "application/octet-stream"
	}
	a.content.mu.RLock()
	defer a.content.mu.RUnlock()
	if err := writeFileAtomic(a.materialsDir(), m.FileName, file.data); err != nil {
		return err
	}
	if err := a.Store.CreateMaterial(r.Context(), m); err != nil {
		a.removeMaterialFile(m.FileName)
		return err
	}
	return writeJSON(w, http.StatusCreated, toMaterialOut(*m))
}

func (a *API) removeMaterialFile(name string) {
	if name == "" {
		return
	}
	// A bad stored name is refused by the Folder: nothing outside is touched.
	if err := store.NewFolder(a.materialsDir()).Remove(name); err != nil {
		a.log.Warn("remove material file", "name", name, "err", err)
	}
}

func (a *API) renameMaterial(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Title *string `json:"title"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Title == nil {
		return fieldError("title", "required", nil, "The field title is required.")
	}
	title, err := checkTitle(*in.Title)
	if err != nil {
		return err
	}
	m, err := a.Store.RenameMaterial(r.Context(), r.PathValue("id"), r.PathValue("mid"), title)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toMaterialOut(*m))
}

func (a *API) deleteMaterial(w http.ResponseWriter, r *http.Request) error {
	a.content.mu.RLock()
	defer a.content.mu.RUnlock()
	m, err := a.Store.DeleteMaterial(r.Context(), r.PathValue("id"), r.PathValue("mid"))
	if err != nil {
		return err
	}
	a.removeMaterialFile(m.FileName)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// attendeeMayRead applies the steps' access rule: the codelab must be
// public, and if it has an access code the attendee must be registered.
func (a *API) attendeeMayRead(r *http.Request, id string) error {
	c, err := a.Store.CodelabSummary(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || err == nil && !c.IsPublic {
		return notFound("The codelab")
	}
	if err != nil {
		return err
	}
	if c.AccessCode != "" && (a.AttendeeAllowed == nil || !a.AttendeeAllowed(r, c.ID)) {
		return Errorf(http.StatusForbidden, "access_code_required", "Join this codelab with its access code to see its materials.")
	}
	return nil
}

func (a *API) listPublicMaterials(w http.ResponseWriter, r *http.Request) error {
	if err := a.attendeeMayRead(r, r.PathValue("id")); err != nil {
		return err
	}
	return a.listMaterials(w, r)
}

// downloadMaterial sends a material file as an attachment under its
// original (sanitized) name.
func (a *API) downloadMaterial(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.attendeeMayRead(r, id); err != nil {
		return err
	}
	m, err := a.Store.GetMaterial(r.Context(), id, r.PathValue("mid"))
	if err != nil {
		return err
	}
	if m.Kind != store.MaterialFile {
		return notFound("The file")
	}
	f, err := store.NewFolder(a.materialsDir()).Open(m.FileName)
	if errors.Is(err, store.ErrUnsafeFileName) {
		a.log.Warn("material with an unsafe stored file name refused", "codelab", id, "material", m.ID)
		return notFound("The file")
	}
	if errors.Is(err, os.ErrNotExist) {
		return notFound("The file")
	}
	if err != nil {
		return fmt.Errorf("api: open material: %w", err)
	}
	defer f.Close()
	return serveStoredFile(w, r, f, "material", m.ContentType, attachment(m.OriginalName), "private, no-cache")
}
