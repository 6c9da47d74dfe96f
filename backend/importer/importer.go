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
	if isZip(data) {
		za, err := openZip(data)
		if err != nil {
			return "", err
		}
		if _, err := findCodelabJSON(za); err == nil {
			return FormatOpenCodelabs, nil
		} else if e, ok := err.(*Error); !ok || e.Code != CodeNoCodelab {
			return "", err
		}
		if _, err := findClaatMarkdown(za); err != nil {
			return "", err
		}
		return FormatClaatZip, nil
	}
	if int64(len(data)) > MaxFileBytes {
		return "", errf(CodeFileTooLarge, "%q is larger than %d MB", filename, MaxFileBytes>>20)
	}
	switch strings.ToLower(path.Ext(filename)) {
	case ".md", ".markdown", ".txt", "":
	case ".zip":
		return "", errf(CodeBadZip, "%q is named .zip but is not a ZIP archive", filename)
	default:
		return "", errf(CodeUnsupportedFormat, "%q is neither a ZIP nor a markdown file; export your codelab as an Open Codelabs ZIP or a claat .md", filename)
	}
	if _, err := decodeText(filename, data); err != nil {
		return "", err
	}
	return FormatClaatMD, nil
}

// Import reads an upload in any supported format. It never returns a
// partial bundle: either the whole codelab is returned with a nil error,
// or nil with an *Error saying why.
func Import(filename string, data []byte) (*Bundle, error) {
	format, err := Detect(filename, data)
	if err != nil {
		return nil, err
	}
	var b *Bundle
	switch format {
	case FormatOpenCodelabs:
		za, err := openZip(data)
		if err != nil {
			return nil, err
		}
		b, err = importOpenCodelabs(za)
		if err != nil {
			return nil, err
		}
	case FormatClaatZip:
		za, err := openZip(data)
		if err != nil {
			return nil, err
		}
		b, err = importClaatZip(za)
		if err != nil {
			return nil, err
		}
	default:
		text, err := decodeText(filename, data)
		if err != nil {
			return nil, err
		}
		b, err = ParseClaat(text, strings.TrimSuffix(path.Base(filename), path.Ext(filename)))
		if err != nil {
			return nil, err
		}
	}
	if err := check(b); err != nil {
		return nil, err
	}
	return b, nil
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
	return nil
}

// depth is the number of folders above an archive path; searches prefer
// the shallowest match so a ZIP of a folder works like a ZIP of its files.
func depth(name string) int { return strings.Count(name, "/") }
