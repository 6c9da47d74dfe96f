package api

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/imaging"
	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// thumbWidth is the width of the facilitator's submission thumbnails.
const thumbWidth = 320

func (a *API) submissionsDir() string { return filepath.Join(a.uploadsDir(), "submissions") }

// submissionsRoot opens the submissions folder as an os.Root: every file
// is opened through it, so no stored name can reach outside.
func (a *API) submissionsRoot() (*os.Root, error) {
	if err := os.MkdirAll(a.submissionsDir(), 0o700); err != nil {
		return nil, fmt.Errorf("api: create submissions dir: %w", err)
	}
	root, err := os.OpenRoot(a.submissionsDir())
	if err != nil {
		return nil, fmt.Errorf("api: open submissions dir: %w", err)
	}
	return root, nil
}

var extRx = regexp.MustCompile(`^\.[a-z0-9]{1,10}$`)

// submissionName is a new random bare name keeping a harmless extension.
func submissionName(original string) string {
	ext := strings.ToLower(path.Ext(original))
	if !extRx.MatchString(ext) {
		ext = ""
	}
	return randomName(ext)
}

// removeSubmissionFile deletes one stored file through the os.Root.
func (a *API) removeSubmissionFile(name string) {
	if !store.SubmissionNameRx.MatchString(name) {
		return
	}
	root, err := a.submissionsRoot()
	if err != nil {
		a.log.Warn("remove submission", "name", name, "err", err)
		return
	}
	defer root.Close()
	if err := root.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		a.log.Warn("remove submission", "name", name, "err", err)
	}
}

func (a *API) withURLs(s *model.Submission, codelabID string, admin bool) {
	if s.Kind != "file" {
		return
	}
	s.DownloadURL = "/api/codelabs/" + codelabID + "/submissions/" + s.ID + "/download"
	if admin && isImageType(s.ContentType) {
		s.ThumbnailURL = "/api/admin/codelabs/" + codelabID + "/submissions/" + s.ID + "/thumbnail"
	}
}

func isImageType(ct string) bool {
	switch ct {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return true
	}
	return false
}

// submit hands in a file (multipart "file", optional "title") or a link
// (JSON {url, title}): POST /api/codelabs/{id}/submissions.
func (a *API) submit(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	c, err := a.Store.CodelabSummary(r.Context(), at.CodelabID)
	if err != nil {
		return err
	}
	sub := &model.Submission{}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		tooLarge := Errorf(http.StatusRequestEntityTooLarge, "submission_too_large", "A file may be at most %s.", humanSize(c.SubmissionMaxFileBytes))
		fields, file, err := readForm(w, r, c.SubmissionMaxFileBytes, tooLarge)
		if err != nil {
			return err
		}
		if len(file.data) == 0 {
			return badRequest("empty_file", "The file is empty.")
		}
		title, err := submissionTitle(fields["title"], cleanFileName(file.name))
		if err != nil {
			return err
		}
		ct := http.DetectContentType(file.data)
		if f, ok := imaging.Sniff(file.data); ok {
			ct = f.ContentType()
		}
		*sub = model.Submission{Kind: "file", Title: title, FileName: submissionName(file.name),
			OriginalName: cleanFileName(file.name), ContentType: ct, Size: int64(len(file.data))}
		a.content.mu.RLock()
		defer a.content.mu.RUnlock()
		folder := store.NewFolder(a.submissionsDir())
		if err := folder.WriteFile(sub.FileName, file.data); err != nil {
			return err
		}
		if _, err := a.runOp(r.Context(), store.AddSubmissionOp(at.CodelabID, person(at), sub)); err != nil {
			_ = folder.Remove(sub.FileName) // best effort: the sweep removes unlisted files
			return err
		}
	} else {
		var in struct {
			URL   string `json:"url"`
			Title string `json:"title"`
		}
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		if strings.TrimSpace(in.URL) == "" {
			return badRequest("missing_file", "Send a file (multipart field file) or a link (JSON url).")
		}
		u, err := checkLink(in.URL)
		if err != nil {
			return err
		}
		title, err := submissionTitle(in.Title, u)
		if err != nil {
			return err
		}
		*sub = model.Submission{Kind: "link", Title: title, URL: u}
		if _, err := a.runOp(r.Context(), store.AddSubmissionOp(at.CodelabID, person(at), sub)); err != nil {
			return err
		}
	}
	a.withURLs(sub, at.CodelabID, false)
	return writeJSON(w, http.StatusCreated, sub)
}

func submissionTitle(title, fallback string) (string, error) {
	t := strings.TrimSpace(title)
	if t == "" {
		t = fallback
	}
	if utf8.RuneCountInString(t) > maxTitleLen {
		if strings.TrimSpace(title) != "" {
			return "", fieldError("title", "too_long", map[string]any{"max": maxTitleLen}, "The field title must be at most %d characters.", maxTitleLen)
		}
		t = string([]rune(t)[:maxTitleLen])
	}
	return t, nil
}

func humanSize(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

func (a *API) mySubmissions(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	list, err := a.Store.ListSubmissions(r.Context(), at.CodelabID, at.ID)
	if err != nil {
		return err
	}
	for i := range list {
		a.withURLs(&list[i], at.CodelabID, false)
	}
	return writeJSON(w, http.StatusOK, list)
}

func (a *API) deleteSubmission(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	a.content.mu.RLock()
	defer a.content.mu.RUnlock()
	var gone model.Submission
	if _, err := a.runOp(r.Context(), store.DeleteSubmissionOp(at.CodelabID, person(at), r.PathValue("sid"), &gone)); err != nil {
		return err
	}
	if gone.Kind == "file" {
		a.removeSubmissionFile(gone.FileName)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// submissionFor returns the submission if the request may read it: the
// admin token, or the owner's attendee token. Anyone else gets 404.
func (a *API) submissionFor(r *http.Request) (*model.Submission, error) {
	id, sid := r.PathValue("id"), r.PathValue("sid")
	admin := a.CheckAdmin(r) == nil
	var owner string
	if !admin {
		at, err := a.codelabAttendee(r)
		if err != nil {
			return nil, err
		}
		owner = at.ID
	}
	s, err := a.Store.GetSubmission(r.Context(), id, sid)
	if errors.Is(err, store.ErrNotFound) || err == nil && !admin && s.Attendee.ID != owner {
		return nil, notFound("The submission")
	}
	return s, err
}

// openSubmission opens a stored file through the submissions os.Root.
func (a *API) openSubmission(s *model.Submission) (*os.File, error) {
	if s.Kind != "file" || !store.SubmissionNameRx.MatchString(s.FileName) {
		return nil, notFound("The file")
	}
	root, err := a.submissionsRoot()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(s.FileName)
	if errors.Is(err, os.ErrNotExist) {
		return nil, notFound("The file")
	}
	if err != nil {
		return nil, fmt.Errorf("api: open submission: %w", err)
	}
	return f, nil
}

// downloadSubmission always sends the file as an attachment that the
// browser must not sniff or run.
func (a *API) downloadSubmission(w http.ResponseWriter, r *http.Request) error {
	s, err := a.submissionFor(r)
	if err != nil {
		return err
	}
	f, err := a.openSubmission(s)
	if err != nil {
		return err
	}
	defer f.Close()
	ct := s.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	return serveStoredFile(w, r, f, "submission", ct, attachment(s.OriginalName), "private, no-cache")
}

// submissionThumbnail serves a small copy of an image submission.
func (a *API) submissionThumbnail(w http.ResponseWriter, r *http.Request) error {
	s, err := a.submissionFor(r)
	if err != nil {
		return err
	}
	if !isImageType(s.ContentType) {
		return notFound("A thumbnail")
	}
	f, err := a.openSubmission(s)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(f, store.MaxSubmissionFileBytes+1))
	f.Close()
	if err != nil {
		return fmt.Errorf("api: read submission: %w", err)
	}
	img, err := imaging.Process(data, thumbWidth)
	if err != nil {
		return notFound("A thumbnail")
	}
	h := w.Header()
	h.Set("Content-Type", img.Format.ContentType())
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=300")
	_, err = w.Write(img.Data)
	return err
}

type attendeeSubmissions struct {
	Attendee    any                `json:"attendee"`
	Submissions []model.Submission `json:"submissions"`
}

// groupSubmissions groups a roster-ordered list by attendee.
func groupSubmissions(list []model.Submission) []attendeeSubmissions {
	out := []attendeeSubmissions{}
	for _, s := range list {
		if n := len(out); n == 0 || out[n-1].Submissions[0].Attendee.ID != s.Attendee.ID {
			out = append(out, attendeeSubmissions{Attendee: *s.Attendee})
		}
		out[len(out)-1].Submissions = append(out[len(out)-1].Submissions, s)
	}
	return out
}

func (a *API) adminSubmissions(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	list, err := a.Store.ListSubmissions(r.Context(), id, "")
	if err != nil {
		return err
	}
	for i := range list {
		a.withURLs(&list[i], id, true)
	}
	return writeJSON(w, http.StatusOK, groupSubmissions(list))
}

// submissionsArchive streams every submission as one ZIP with a folder
// per attendee ("01-Name/"): files under their original names and the
// links in links.txt.
func (a *API) submissionsArchive(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	c, err := a.Store.CodelabSummary(r.Context(), id)
	if err != nil {
		return err
	}
	list, err := a.Store.ListSubmissions(r.Context(), id, "")
	if err != nil {
		return err
	}
	root, err := a.submissionsRoot()
	if err != nil {
		return err
	}
	defer root.Close()
	h := w.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", attachment(importer.SafeFileTitle(c.Title)+"-submissions.zip"))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	zw := zip.NewWriter(w)
	for i, g := range groupSubmissions(list) {
		p := g.Submissions[0].Attendee
		folder := fmt.Sprintf("%02d-%s/", i+1, importer.SafeFileTitle(p.Name))
		used := map[string]bool{}
		var links strings.Builder
		for _, s := range g.Submissions {
			if s.Kind == "link" {
				fmt.Fprintf(&links, "%s\t%s\n", strings.ReplaceAll(s.Title, "\n", " "), s.URL)
				continue
			}
			if !store.SubmissionNameRx.MatchString(s.FileName) {
				continue
			}
			f, err := root.Open(s.FileName)
			if err != nil {
				a.log.Warn("archive: submission missing", "id", s.ID, "err", err)
				continue
			}
			name := uniqueName(cleanFileName(s.OriginalName), used)
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: folder + name, Method: zip.Deflate, Modified: s.CreatedAt})
			if err == nil {
				_, err = io.Copy(fw, f)
			}
			f.Close()
			if err != nil {
				return err // the response has started: the client sees a broken ZIP
			}
		}
		if links.Len() > 0 {
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: folder + uniqueName("links.txt", used), Method: zip.Deflate, Modified: time.Now()})
			if err == nil {
				_, err = io.WriteString(fw, links.String())
			}
			if err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// uniqueName returns name, or "name (2).ext"... when taken.
func uniqueName(name string, used map[string]bool) string {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	out := name
	for n := 2; used[strings.ToLower(out)]; n++ {
		out = fmt.Sprintf("%s (%d)%s", base, n, ext)
	}
	used[strings.ToLower(out)] = true
	return out
}

// sweepSubmissionFiles deletes submitted files no row points at any more
// (their codelab or attendee was deleted). It takes the content lock, so
// an upload between writing its file and committing its row is never swept.
func (a *API) sweepSubmissionFiles(ctx context.Context) {
	a.content.mu.Lock()
	defer a.content.mu.Unlock()
	entries, err := os.ReadDir(a.submissionsDir())
	if err != nil {
		return // nothing submitted yet
	}
	names, err := store.SubmissionFileNames(ctx, a.Store.DB())
	if err != nil {
		a.log.Warn("sweep submissions", "err", err)
		return
	}
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		keep[n] = true
	}
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && store.SubmissionNameRx.MatchString(n) && !keep[n] {
			a.removeSubmissionFile(n)
		}
	}
}
