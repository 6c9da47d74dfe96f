package importer

import (
	"fmt"
	"path"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

// Format names one of the file layouts this package reads.
type Format string

// Formats accepted by Import, also used as the export ?format= values
// (FormatOpenCodelabs and "claat").
const (
	FormatOpenCodelabs Format = "opencodelabs"
	FormatClaatMD      Format = "claat_md"
	FormatClaatZip     Format = "claat_zip"
	// FormatGDocHTML is a Google Doc saved as HTML; FormatGDocZip the
	// Docs "Web page (.html, zipped)" export with its images/ folder.
	FormatGDocHTML Format = "gdoc_html"
	FormatGDocZip  Format = "gdoc_zip"
)

// Asset is a file referenced by the markdown, usually an image. Path is
// exactly the URL the markdown uses for it after import (for example
// "img/foo.png"), so a caller can store the file and then call
// RewriteImages with a map from Path to the stored URL.
type Asset struct {
	Path string
	Data []byte
}

// Bundle is one codelab with its steps' markdown and the files they use.
// Meta holds claat header fields that have no place in model.Codelab
// (lower-case keys such as "categories", "environments", "status",
// "feedback link"); ExportClaat writes them back.
type Bundle struct {
	Codelab model.Codelab
	Assets  []Asset
	Meta    map[string]string
	// Warnings are sentences for the facilitator about what the import
	// could not take in (an image missing from the upload, a fragment not
	// found...). The codelab is still whole; each warning names the thing,
	// with a code the apps translate (model.Notice).
	Warnings []model.Notice
	// Environment is the claat environment the import kept visible, when
	// the codelab names any.
	Environment string
	// Missing lists the relative image URLs the markdown still uses but the
	// upload did not hold, in first-seen order (each also has a warning).
	Missing []string

	// Polls are the codelab's prepared polls (polls.go): on import, taken
	// out of the steps' text; on export, written back.
	Polls []Poll

	// Workshop loop extras, carried in opencodelabs-desktop.json (loop.go).
	Quiz        *model.Quiz        // nil: none; the importing side validates it
	RaffleDraws []model.RaffleDraw // export only: draws name attendees of this server
}

// ExportFile is what an export produces: the bytes plus the file name and
// content type the HTTP layer should send.
type ExportFile struct {
	Name        string
	ContentType string
	Data        []byte
}

// Detect names the format of an upload without importing it. A ZIP with a
// codelab.json is Open Codelabs, a ZIP with a .md file is claat, and any
// other UTF-8 text named .md, .markdown or .txt (or with no extension) is
// claat markdown.
func Detect(filename string, data []byte) (Format, error) {
	format, _, _, err := detect(filename, data)
	return format, err
}

// detect is Detect keeping what it had to compute anyway, so Import does
// not parse the ZIP or decode the text a second time: the opened archive
// for the ZIP formats, the decoded text for claat markdown.
func detect(filename string, data []byte) (Format, *zipArchive, string, error) {
	if isZip(data) {
		za, err := openZip(data)
		if err != nil {
			return "", nil, "", err
		}
		if _, err := findCodelabJSON(za); err == nil {
			return FormatOpenCodelabs, za, "", nil
		} else if e, ok := err.(*Error); !ok || e.Code != CodeNoCodelab {
			return "", nil, "", err
		}
		if _, err := findClaatMarkdown(za); err == nil {
			return FormatClaatZip, za, "", nil
		} else if e, ok := err.(*Error); !ok || e.Code != CodeNoCodelab {
			return "", nil, "", err
		}
		if _, err := findGDocHTML(za); err != nil {
			return "", nil, "", err
		}
		return FormatGDocZip, za, "", nil
	}
	if int64(len(data)) > MaxFileBytes {
		return "", nil, "", errf(CodeFileTooLarge, "%q is larger than %d MB", filename, MaxFileBytes>>20)
	}
	gdoc := false
	switch strings.ToLower(path.Ext(filename)) {
	case ".html", ".htm":
		gdoc = true
	case ".md", ".markdown", ".txt", "":
	case ".zip":
		return "", nil, "", errf(CodeBadZip, "%q is named .zip but is not a ZIP archive", filename)
	default:
		return "", nil, "", errf(CodeUnsupportedFormat, "%q is neither a ZIP, a markdown file nor a Google Docs HTML export; export your codelab as an Open Codelabs ZIP, a claat .md or a Doc as \"Web page (.html, zipped)\"", filename)
	}
	text, err := decodeText(filename, data)
	if err != nil {
		return "", nil, "", err
	}
	if gdoc {
		return FormatGDocHTML, nil, text, nil
	}
	return FormatClaatMD, nil, text, nil
}

// Import reads an upload in any supported format. It never returns a
// partial bundle: either the whole codelab is returned with a nil error,
// or nil with an *Error saying why.
func Import(filename string, data []byte) (*Bundle, error) {
	b, _, err := ImportFormat(filename, data)
	return b, err
}

// ImportFormat is Import that also names the format the upload was read
// as, so a caller reporting it need not run Detect over the data again.
func ImportFormat(filename string, data []byte) (*Bundle, Format, error) {
	return ImportWith(filename, data, Options{})
}

// Options tune an import.
type Options struct {
	// Environment picks which claat environment to import ("web" when
	// empty): steps whose "Environment:" list lacks it are kept but Hidden.
	Environment string
}

// ImportWith is ImportFormat with options.
func ImportWith(filename string, data []byte, opts Options) (*Bundle, Format, error) {
	format, za, text, err := detect(filename, data)
	if err != nil {
		return nil, "", err
	}
	var b *Bundle
	switch format {
	case FormatOpenCodelabs:
		b, err = importOpenCodelabs(za)
	case FormatClaatZip:
		b, err = importClaatZip(za)
	case FormatGDocHTML:
		b, err = importGDoc(text, filename, nil, "")
	case FormatGDocZip:
		b, err = importGDocZip(za)
	default:
		var warnings []model.Notice
		if text, err = expandFragments(text, ".", nil, func(w model.Notice) { warnings = append(warnings, w) }); err == nil {
			b, err = parseClaat(text, strings.TrimSuffix(path.Base(filename), path.Ext(filename)))
		}
		if err == nil {
			b.Warnings = append(warnings, b.Warnings...)
		}
	}
	if err != nil {
		return nil, "", err
	}
	if err := check(b); err != nil {
		return nil, "", err
	}
	b.takePolls() // polls.go
	b.hideOtherEnvironments(opts.Environment)
	b.noteMissingImages()
	return b, format, nil
}

// check enforces what every importer promises: a title, at most MaxSteps
// steps, numbered densely from 1, with StepCount set.
func check(b *Bundle) error {
	c := &b.Codelab
	if strings.TrimSpace(c.Title) == "" {
		return errf(CodeNoTitle, "the codelab has no title")
	}
	if len(c.Steps) > MaxSteps {
		return errf(CodeTooManySteps, "the codelab has %d steps; at most %d are accepted", len(c.Steps), MaxSteps)
	}
	for i := range c.Steps {
		if c.Steps[i].Number != i+1 {
			return fmt.Errorf("importer: internal error: step %d numbered %d", i+1, c.Steps[i].Number)
		}
	}
	c.StepCount = len(c.Steps)
	if b.Meta == nil {
		b.Meta = map[string]string{}
	}
	for i := range c.Steps {
		if len(c.Steps[i].Markdown) > MaxStepBytes {
			return errf(CodeStepTooLarge, "step %d (%s) has more than %d KB of markdown; split it into several steps", i+1, oneLine(c.Steps[i].Title), MaxStepBytes>>10)
		}
	}
	if len(c.GuideMarkdown) > MaxStepBytes {
		return errf(CodeStepTooLarge, "the preparation guide has more than %d KB of markdown", MaxStepBytes>>10)
	}
	return nil
}

// depth is the number of folders above an archive path; searches prefer
// the shallowest match so a ZIP of a folder works like a ZIP of its files.
func depth(name string) int { return strings.Count(name, "/") }
