package importer

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
)

// File names inside an Open Codelabs ZIP.
const (
	codelabJSONName = "codelab.json"
	guideName       = "preparation_guide.md"
	desktopMetaName = "opencodelabs-desktop.json"
	imagesDir       = "images/"
)

// ocCodelab is codelab.json as Open Codelabs writes it (serde of its
// Codelab struct). Booleans are JSON booleans there; older versions wrote
// 0/1, so flexBool takes both.
type ocCodelab struct {
	ID                string   `json:"id"`
	Title             string   `json:"title"`
	Description       string   `json:"description"`
	Author            string   `json:"author"`
	IsPublic          flexBool `json:"is_public"`
	QuizEnabled       flexBool `json:"quiz_enabled"`
	RequireQuiz       flexBool `json:"require_quiz"`
	RequireFeedback   flexBool `json:"require_feedback"`
	RequireSubmission flexBool `json:"require_submission"`
	GuideMarkdown     *string  `json:"guide_markdown"`
	CreatedAt         *string  `json:"created_at"`
}

type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	switch strings.Trim(string(b), `"`) {
	case "true", "1":
		*f = true
	case "false", "0", "null", "":
		*f = false
	default:
		return fmt.Errorf("not a boolean: %s", b)
	}
	return nil
}

// desktopMeta is opencodelabs-desktop.json: what we know that Open
// Codelabs has no field for. Open Codelabs ignores the file.
type desktopMeta struct {
	Format          string            `json:"format"`
	Version         int               `json:"version"`
	DurationMinutes int               `json:"duration_minutes"`
	Tags            []string          `json:"tags"`
	AccessCode      string            `json:"access_code,omitempty"`
	Language        string            `json:"language,omitempty"` // the workshop's default language
	Steps           []desktopMetaStep `json:"steps"`
	Images          []string          `json:"images"`
	Extra           map[string]string `json:"extra,omitempty"`
	Polls           []Poll            `json:"polls,omitempty"` // prepared polls (polls.go)

	loopMeta // loop.go: quiz, submission limits, raffle draws
}

type desktopMetaStep struct {
	Number          int    `json:"number"`
	File            string `json:"file"`
	Title           string `json:"title"`
	DurationMinutes int    `json:"duration_minutes"`
}

var stepFileRx = regexp.MustCompile(`^step_(\d{1,6})(?:_(.*))?\.md$`)

// findCodelabJSON returns the shallowest codelab.json, so a ZIP of a
// folder (mylab/codelab.json) imports like a ZIP of its contents.
func findCodelabJSON(za *zipArchive) (string, error) {
	best := ""
	for _, n := range za.names {
		if path.Base(n) != codelabJSONName {
			continue
		}
		if best == "" || depth(n) < depth(best) {
			best = n
		} else if depth(n) == depth(best) {
			return "", errf(CodeBadZip, "the ZIP holds two codelabs (%s and %s); import them one at a time", best, n)
		}
	}
	if best == "" {
		return "", errf(CodeNoCodelab, "the ZIP holds neither a codelab.json (Open Codelabs export) nor a markdown file (claat)")
	}
	return best, nil
}

func importOpenCodelabs(za *zipArchive) (*Bundle, error) {
	jsonName, err := findCodelabJSON(za)
	if err != nil {
		return nil, err
	}
	root := strings.TrimSuffix(jsonName, codelabJSONName)
	raw, err := za.readText(jsonName)
	if err != nil {
		return nil, err
	}
	var oc ocCodelab
	if err := json.Unmarshal([]byte(raw), &oc); err != nil {
		return nil, errf(CodeBadCodelab, "codelab.json is not valid: %v", err)
	}
	var meta desktopMeta
	if _, ok := za.files[root+desktopMetaName]; ok {
		raw, err := za.readText(root + desktopMetaName)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &meta); err != nil {
			return nil, errf(CodeBadCodelab, "%s is not valid: %v", desktopMetaName, err)
		}
	}
	metaByNum := map[int]desktopMetaStep{}
	for _, s := range meta.Steps {
		metaByNum[s.Number] = s
	}

	type stepFile struct {
		num   int
		name  string
		title string
	}
	var files []stepFile
	seen := map[int]string{}
	for _, n := range za.names {
		if !strings.HasPrefix(n, root) || strings.Contains(n[len(root):], "/") {
			continue
		}
		m := stepFileRx.FindStringSubmatch(n[len(root):])
		if m == nil {
			continue
		}
		num, _ := strconv.Atoi(m[1])
		if prev, dup := seen[num]; dup {
			return nil, errf(CodeDuplicateStep, "step %d appears twice (%s and %s)", num, prev, n)
		}
		seen[num] = n
		files = append(files, stepFile{num: num, name: n, title: strings.TrimSpace(strings.ReplaceAll(strings.ToValidUTF8(m[2], "_"), "_", " "))})
		if len(files) > MaxSteps {
			return nil, errf(CodeTooManySteps, "the ZIP has more than %d steps", MaxSteps)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].num < files[j].num })

	c := model.Codelab{
		ID:              oc.ID,
		Title:           strings.TrimSpace(oc.Title),
		Description:     oc.Description,
		Author:          oc.Author,
		IsPublic:        bool(oc.IsPublic),
		QuizEnabled:     bool(oc.QuizEnabled),
		RequireQuiz:     bool(oc.RequireQuiz),
		RequireFeedback: bool(oc.RequireFeedback),
		RequireSubmit:   bool(oc.RequireSubmission),
		DurationMinutes: max(meta.DurationMinutes, 0),
		Tags:            meta.Tags,
		AccessCode:      meta.AccessCode,
		CreatedAt:       parseTime(oc.CreatedAt),
	}
	if model.ValidLanguage(meta.Language) { // a tag this version does not ship: follow the browser
		c.Language = meta.Language
	}
	if c.Title == "" {
		return nil, errf(CodeNoTitle, "codelab.json has no title")
	}
	if oc.GuideMarkdown != nil && strings.TrimSpace(*oc.GuideMarkdown) != "" {
		c.GuideMarkdown = *oc.GuideMarkdown
	} else if _, ok := za.files[root+guideName]; ok {
		if c.GuideMarkdown, err = za.readText(root + guideName); err != nil {
			return nil, err
		}
	}
	var assets assetSet
	if c.GuideMarkdown, err = collectAssets(za, root, root, c.GuideMarkdown, &assets); err != nil {
		return nil, err
	}
	for i, f := range files {
		md, err := za.readText(f.name)
		if err != nil {
			return nil, err
		}
		if md, err = collectAssets(za, root, root, md, &assets); err != nil {
			return nil, err
		}
		st := model.Step{Number: i + 1, Title: f.title, Markdown: md}
		if ms, ok := metaByNum[f.num]; ok {
			st.Title = strings.TrimSpace(ms.Title)
			st.DurationMinutes = max(ms.DurationMinutes, 0)
		}
		if st.Title == "" {
			st.Title = leadingHeading(md)
		}
		if st.Title == "" {
			st.Title = fmt.Sprintf("Step %d", i+1)
		}
		c.Steps = append(c.Steps, st)
	}
	// Files under images/ travel with the codelab even when no markdown
	// points at them (yet), as the metadata file lists them.
	for _, n := range za.names {
		if strings.HasPrefix(n, root+imagesDir) && isImagePath(n) && utf8.ValidString(n) {
			if err := assets.add(za, n, strings.TrimPrefix(n, root)); err != nil {
				return nil, err
			}
		}
	}
	b := &Bundle{Codelab: c, Assets: assets.list, Meta: meta.Extra, Polls: meta.Polls}
	meta.apply(b)
	return b, nil
}

// parseTime reads created_at as Open Codelabs stores it (SQLite
// CURRENT_TIMESTAMP, "2006-01-02 15:04:05" UTC) or as RFC 3339.
func parseTime(s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(*s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// SafeFileTitle turns a step title into the <title> part of
// step_NN_<title>.md: letters and digits (any script) are kept, every run
// of other characters becomes one "_", and the result is at most 60
// characters. Open Codelabs keeps ASCII letters and digits only; keeping
// other scripts gives a readable name and still imports there.
func SafeFileTitle(title string) string {
	var b strings.Builder
	n := 0
	pending := false
	for _, r := range title {
		if n >= 60 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if pending && b.Len() > 0 {
				b.WriteByte('_')
				n++
			}
			pending = false
			b.WriteRune(r)
			n++
		} else {
			pending = true
		}
	}
	if b.Len() == 0 {
		return "step"
	}
	return b.String()
}

// ExportOpenCodelabs writes the ZIP Open Codelabs exports and imports:
// codelab.json, step_NN_<title>.md per step, preparation_guide.md when
// there is a guide, plus opencodelabs-desktop.json with our extra fields
// and images/<name> for every asset (by base name; the caller points the
// markdown at "images/<name>" first).
func ExportOpenCodelabs(b *Bundle) (*ExportFile, error) {
	c := b.Codelab
	var guide *string
	if strings.TrimSpace(c.GuideMarkdown) != "" {
		g := c.GuideMarkdown
		guide = &g
	}
	var created *string
	if !c.CreatedAt.IsZero() {
		t := c.CreatedAt.UTC().Format("2006-01-02 15:04:05")
		created = &t
	}
	oc := ocCodelab{
		ID: c.ID, Title: c.Title, Description: c.Description, Author: c.Author,
		IsPublic: flexBool(c.IsPublic), QuizEnabled: flexBool(c.QuizEnabled),
		RequireQuiz: flexBool(c.RequireQuiz), RequireFeedback: flexBool(c.RequireFeedback),
		RequireSubmission: flexBool(c.RequireSubmit), GuideMarkdown: guide, CreatedAt: created,
	}
	meta := desktopMeta{
		Format: "opencodelabs-desktop", Version: 1, DurationMinutes: c.DurationMinutes,
		Tags: nonNil(c.Tags), AccessCode: c.AccessCode, Language: c.Language, Steps: []desktopMetaStep{}, Images: []string{},
		Extra: b.Meta, loopMeta: newLoopMeta(b), Polls: b.Polls,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: c.UpdatedAt})
		if err != nil {
			return fmt.Errorf("importer: export %s: %w", name, err)
		}
		_, err = w.Write(data)
		return err
	}
	js, err := json.MarshalIndent(oc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("importer: export codelab.json: %w", err)
	}
	if err := put(codelabJSONName, js); err != nil {
		return nil, err
	}
	for i, s := range c.Steps {
		name := fmt.Sprintf("step_%02d_%s.md", i+1, SafeFileTitle(s.Title))
		if err := put(name, []byte(s.Markdown)); err != nil {
			return nil, err
		}
		meta.Steps = append(meta.Steps, desktopMetaStep{Number: i + 1, File: name, Title: s.Title, DurationMinutes: s.DurationMinutes})
	}
	if guide != nil {
		if err := put(guideName, []byte(strings.TrimSpace(*guide))); err != nil {
			return nil, err
		}
	}
	names := map[string]bool{}
	for _, a := range b.Assets {
		base := path.Base(strings.ReplaceAll(a.Path, "\\", "/"))
		if base == "." || base == "/" || base == ".." || base == "" {
			return nil, errf(CodeBadAsset, "asset %q has no file name", a.Path)
		}
		if names[base] {
			return nil, errf(CodeBadAsset, "two assets are named %q", base)
		}
		names[base] = true
		if err := put(imagesDir+base, a.Data); err != nil {
			return nil, err
		}
		meta.Images = append(meta.Images, imagesDir+base)
	}
	mj, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("importer: export %s: %w", desktopMetaName, err)
	}
	if err := put(desktopMetaName, mj); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("importer: export zip: %w", err)
	}
	return &ExportFile{
		Name:        "codelab_" + fileID(c) + ".zip",
		ContentType: "application/zip",
		Data:        buf.Bytes(),
	}, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// fileID is the codelab's id or, failing that, its title, made safe for a
// download file name.
func fileID(c model.Codelab) string {
	id := c.ID
	if id == "" {
		id = c.Title
	}
	return SafeFileTitle(id)
}

// leadingHeading returns the text of a "# Heading" on the first non-blank
// line of md, or "". It names steps whose file name carries no title.
func leadingHeading(md string) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if t, ok := atxHeading(l, 1); ok {
			return t
		}
		return ""
	}
	return ""
}
