package api

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/opencodelabs/desktop/backend/imaging"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

const (
	maxUploadBytes   = 10 << 20 // one image
	maxMaterialBytes = 20 << 20 // one material file
	maxImportBytes   = 50 << 20 // one codelab archive (the importer bounds what it unpacks)
	maxFormField     = 64 << 10 // a text field of a multipart form
	maxImageWidth    = 1600
)

// contentState serializes restores against everything that writes files
// under the uploads directory: uploads, imports and material files hold
// the read lock, a restore (which swaps the directory) the write lock.
type contentState struct{ mu sync.RWMutex }

// dataDir is where the database and uploads live: Config.DataDir, else the
// database file's directory.
func (a *API) dataDir() string {
	if a.DataDir != "" {
		return a.DataDir
	}
	return filepath.Dir(a.Store.Path())
}

func (a *API) uploadsDir() string   { return filepath.Join(a.dataDir(), "uploads") }
func (a *API) materialsDir() string { return filepath.Join(a.uploadsDir(), "materials") }

// uploadNameRx matches the names this server gives images: 32 random
// base32 characters and the format's extension.
var uploadNameRx = regexp.MustCompile(`^[a-z2-7]{32}\.(png|jpg|gif|webp)$`)

// randomName is 160 random bits, so an upload's URL cannot be guessed.
func randomName(ext string) string {
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:])) + ext
}

// formFile is the file part of a multipart form, read into memory.
type formFile struct {
	name string
	data []byte
}

// eachPart streams a multipart/form-data body of at most bodyLimit bytes
// to fn, one part at a time. A body over the limit, noticed wherever it is
// read, is tooLarge.
func eachPart(w http.ResponseWriter, r *http.Request, bodyLimit int64, tooLarge *Error, fn func(p *multipart.Part) error) error {
	r.Body = http.MaxBytesReader(w, r.Body, bodyLimit)
	err := readParts(r, fn)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLarge
	}
	return err
}

func readParts(r *http.Request, fn func(p *multipart.Part) error) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return badRequest("invalid_form", "Send the file as multipart/form-data with a field named file.")
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return err
			}
			return badRequest("invalid_form", "The multipart form is malformed: %v.", err)
		}
		err = fn(p)
		p.Close()
		if err != nil {
			return err
		}
	}
}

// readForm reads a multipart form's text fields and its one "file" part
// (into memory). A file over limit bytes is tooLarge.
func readForm(w http.ResponseWriter, r *http.Request, limit int64, tooLarge *Error) (map[string]string, *formFile, error) {
	fields := map[string]string{}
	var file *formFile
	err := eachPart(w, r, limit+1<<20, tooLarge, func(p *multipart.Part) error {
		if p.FormName() == "file" {
			if file != nil {
				return badRequest("invalid_form", "Send one file per request.")
			}
			data, err := io.ReadAll(io.LimitReader(p, limit+1))
			if err != nil {
				return err
			}
			if int64(len(data)) > limit {
				return tooLarge
			}
			file = &formFile{name: p.FileName(), data: data}
			return nil
		}
		data, err := io.ReadAll(io.LimitReader(p, maxFormField+1))
		if err != nil {
			return err
		}
		if len(data) > maxFormField {
			return badRequest("invalid_form", "The form field %s is too long.", p.FormName())
		}
		fields[p.FormName()] = string(data)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if file == nil {
		return nil, nil, badRequest("missing_file", "The form has no file field.")
	}
	return fields, file, nil
}

// writeFileAtomic writes data to dir/name via a temporary file, so a
// reader never sees half a file (store.Folder, inside dir with os.Root).
func writeFileAtomic(dir, name string, data []byte) error {
	return store.NewFolder(dir).WriteFile(name, data)
}

// saveImage checks and shrinks an image and writes it under a new random
// name. The caller records it (model.Upload) or deletes the file again.
func (a *API) saveImage(original string, data []byte) (*model.Upload, error) {
	img, err := imaging.Process(data, maxImageWidth)
	switch {
	case errors.Is(err, imaging.ErrTooManyPixels):
		return nil, badRequest("unsupported_image", "%q has too many pixels (over %d million).", original, imaging.MaxPixels/1_000_000)
	case errors.Is(err, imaging.ErrUnsupported):
		return nil, badRequest("unsupported_image", "%q is not a PNG, JPEG, GIF or WebP image.", original)
	case err != nil:
		return nil, err
	}
	name := randomName(img.Format.Ext())
	if err := writeFileAtomic(a.uploadsDir(), name, img.Data); err != nil {
		return nil, err
	}
	return &model.Upload{Name: name, ContentType: img.Format.ContentType(), Size: int64(len(img.Data)),
		Width: img.Width, Height: img.Height, OriginalName: cleanFileName(original)}, nil
}

func (a *API) removeUpload(name string) {
	if err := store.NewFolder(a.uploadsDir()).Remove(name); err != nil {
		a.log.Warn("remove upload", "name", name, "err", err)
	}
}

// uploadImage stores one image: POST /api/admin/uploads.
func (a *API) uploadImage(w http.ResponseWriter, r *http.Request) error {
	fields, file, err := readForm(w, r, maxUploadBytes,
		Errorf(http.StatusRequestEntityTooLarge, "upload_too_large", "An image may be at most %d MB.", maxUploadBytes>>20))
	if err != nil {
		return err
	}
	a.content.mu.RLock()
	defer a.content.mu.RUnlock()
	u, err := a.saveImage(file.name, file.data)
	if err != nil {
		return err
	}
	u.CodelabID = strings.TrimSpace(fields["codelab_id"])
	if err := a.Store.InsertUpload(r.Context(), u); err != nil {
		a.removeUpload(u.Name)
		if errors.Is(err, store.ErrNotFound) {
			return notFound("The codelab")
		}
		return err
	}
	url := "uploads/" + u.Name
	return writeJSON(w, http.StatusCreated, map[string]any{
		"url": url, "markdown": "![" + altText(file.name) + "](" + url + ")",
		"name": u.Name, "content_type": u.ContentType, "size": u.Size, "width": u.Width, "height": u.Height,
	})
}

// serveUpload serves an image publicly at /uploads/{name} (and at
// /admin/uploads/{name}, so relative URLs resolve in the admin app too).
// Names are random and never reused, so the response may be cached forever.
func (a *API) serveUpload(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if !uploadNameRx.MatchString(name) {
		return notFound("The image")
	}
	f, err := store.NewFolder(a.uploadsDir()).Open(name)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, store.ErrUnsafeFileName) {
		return notFound("The image")
	}
	if err != nil {
		return fmt.Errorf("api: open upload: %w", err)
	}
	defer f.Close()
	format, _ := imaging.FormatForExt(path.Ext(name))
	return serveStoredFile(w, r, f, "upload", format.ContentType(), "", "public, max-age=31536000, immutable")
}

// altText makes an image's alt text from its file name.
func altText(filename string) string {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(filename, "\\", "/")), path.Ext(filename))
	base = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', '(', ')', '\\', '!', '*', '_', '`', '<', '>':
			return ' '
		}
		if r < ' ' {
			return -1
		}
		return r
	}, base)
	base = strings.Join(strings.Fields(base), " ")
	if base == "." || base == "/" {
		return ""
	}
	return base
}
