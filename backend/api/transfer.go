package api

import (
	"database/sql"
	"errors"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// importCodelab creates a codelab from an Open Codelabs ZIP, a claat .md or
// a ZIP holding a claat .md with its images: POST /api/admin/import.
// Images are written first under new random names, then the codelab, its
// steps and the upload records are stored in one transaction; if that
// fails the files are deleted again, so nothing half-imported remains.
func (a *API) importCodelab(w http.ResponseWriter, r *http.Request) error {
	fields, file, err := readForm(w, r, maxImportBytes,
		Errorf(http.StatusRequestEntityTooLarge, "import_too_large", "An import may be at most %d MB.", maxImportBytes>>20))
	if err != nil {
		return err
	}
	opts, err := importOptions(r, fields)
	if err != nil {
		return err
	}
	b, format, err := importer.ImportWith(file.name, file.data, opts)
	if err != nil {
		return err
	}
	pixels, err := checkImportPixels(b.Assets)
	if err != nil {
		return err
	}
	defer func() { releaseImageMemory(pixels) }() // on every way out
	if pixels > 0 {
		if err := acquireImageImport(r.Context()); err != nil {
			return err
		}
		defer releaseImageImport()
	}
	a.content.mu.RLock()
	defer a.content.mu.RUnlock()

	var uploads []*model.Upload
	committed := false
	defer func() {
		if !committed {
			for _, u := range uploads {
				a.removeUpload(u.Name)
			}
		}
	}()
	urls := map[string]string{}
	warnings := append([]model.Notice{}, b.Warnings...)
	if strings.EqualFold(strings.TrimSpace(b.Meta["status"]), "published") {
		warnings = append(warnings, model.NewNotice("published_hidden",
			"The claat file says status: Published. Imported codelabs start hidden: make it public in the editor when it is ready."))
	}
	missing := append([]string{}, b.Missing...)
	for _, as := range b.Assets {
		u, err := a.saveImage(path.Base(as.Path), as.Data)
		releaseAfterImage(as.Data)
		var ae *Error
		if errors.As(err, &ae) && ae.Code == "unsupported_image" {
			// SVG, BMP... are not served by us: the reference stays as written.
			warnings = append(warnings, model.NewNotice("image_unsupported", "Skipped "+as.Path+": "+ae.Message, "image", as.Path))
			missing = append(missing, as.Path)
			continue
		}
		if err != nil {
			return err
		}
		uploads = append(uploads, u)
		urls[as.Path] = "uploads/" + u.Name
	}
	c := b.Codelab
	var extras importExtras
	rewriteImages(&c, func(u string) string {
		if v, ok := urls[u]; ok {
			return v
		}
		return u
	})
	sanitizeImportedLoop(&c) // loop.go
	err = a.Store.Write(r.Context(), func(tx *sql.Tx) error {
		if err := store.InsertCodelabTx(r.Context(), tx, &c); err != nil {
			return err
		}
		if warn, err := importQuizTx(r.Context(), tx, &c, b.Quiz); err != nil {
			return err
		} else if warn != nil {
			warnings = append(warnings, *warn)
		}
		for _, u := range uploads {
			u.CodelabID = c.ID
			if err := store.InsertUploadTx(r.Context(), tx, u); err != nil {
				return err
			}
		}
		return storeImportExtras(r.Context(), tx, c.ID, b, &extras)
	})
	if err != nil {
		return err
	}
	committed = true
	a.audit(r, "codelab.import", c.ID, "codelab", c.ID, map[string]any{"format": format})
	stored, err := a.Store.GetCodelab(r.Context(), c.ID)
	if err != nil {
		return err
	}
	if err := a.renderSteps(stored, true); err != nil {
		return err
	}
	releaseImageMemory(pixels) // before answering, so the memory is back when the client hears
	pixels = 0
	return writeJSON(w, http.StatusCreated, struct {
		codelabOut
		Format   importer.Format `json:"import_format"`
		Images   int             `json:"images"`
		Warnings []string        `json:"warnings"` // English, as before notices
		Notices  []model.Notice  `json:"notices"`  // the same warnings with codes (serverNotices.<code>)
		Missing  []string        `json:"missing_images"`
		importExtras
	}{codelabOut{Codelab: stored, HasAccessCode: stored.AccessCode != ""}, format, len(uploads),
		model.NoticeMessages(warnings), warnings, missing, extras})
}

// rewriteImages points the image URLs of every step and of the guide
// where fn says.
func rewriteImages(c *model.Codelab, fn func(url string) string) {
	for i := range c.Steps {
		c.Steps[i].Markdown = importer.RewriteImages(c.Steps[i].Markdown, fn)
	}
	c.GuideMarkdown = importer.RewriteImages(c.GuideMarkdown, fn)
}

// uploadRef returns the upload name a markdown image URL points at
// ("uploads/x.png", "/uploads/x.png" or "./uploads/x.png").
func uploadRef(u string) (string, bool) {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "./"), "/")
	name, ok := strings.CutPrefix(u, "uploads/")
	return name, ok && uploadNameRx.MatchString(name)
}

// exportCodelab sends a codelab as a file to download:
// GET /api/admin/codelabs/{id}/export?format=opencodelabs|claat.
// Referenced uploads go along: as images/<name> in the Open Codelabs ZIP;
// for claat, as img/<name> beside the .md in a ZIP (a plain .md when the
// codelab uses no uploads).
func (a *API) exportCodelab(w http.ResponseWriter, r *http.Request) error {
	format := r.URL.Query().Get("format")
	prefix := ""
	switch format {
	case "", string(importer.FormatOpenCodelabs):
		format, prefix = string(importer.FormatOpenCodelabs), "images/"
	case "claat":
		prefix = "img/"
	default:
		return badRequest("invalid_format", "The format must be opencodelabs or claat.")
	}
	c, err := a.Store.GetCodelab(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var assets []importer.Asset
	found := map[string]bool{} // upload name -> readable; each file is read once
	rewriteImages(c, func(u string) string {
		name, ok := uploadRef(u)
		if !ok {
			return u
		}
		readable, seen := found[name]
		if !seen {
			data, err := store.NewFolder(a.uploadsDir()).ReadFile(name)
			if readable = err == nil; readable {
				assets = append(assets, importer.Asset{Path: prefix + name, Data: data})
			} else {
				a.log.Warn("export: upload missing", "name", name, "err", err)
			}
			found[name] = readable
		}
		if !readable {
			return u
		}
		return prefix + name
	})
	meta, err := a.Store.CodelabMeta(r.Context(), c.ID)
	if err != nil {
		return err
	}
	bundle := &importer.Bundle{Codelab: *c, Assets: assets, Meta: meta}
	if err := a.exportLoop(r.Context(), bundle); err != nil { // loop.go
		return err
	}
	if err := a.exportPolls(r.Context(), bundle); err != nil { // polls.go
		return err
	}
	var out *importer.ExportFile
	if format == "claat" {
		out, err = importer.ExportClaat(bundle)
	} else {
		out, err = importer.ExportOpenCodelabs(bundle)
	}
	if err != nil {
		return err
	}
	// Name the download after the title: facilitators recognise it in a folder.
	if t := importer.SafeFileTitle(c.Title); t != "" {
		out.Name = t + "-" + format + path.Ext(out.Name)
	}
	h := w.Header()
	h.Set("Content-Type", out.ContentType)
	h.Set("Content-Disposition", attachment(out.Name))
	h.Set("Content-Length", strconv.Itoa(len(out.Data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	a.audit(r, "codelab.export", c.ID, "codelab", c.ID, map[string]any{"format": format})
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(out.Data)
	return err
}
