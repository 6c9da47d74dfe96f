package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io/fs"
	"strings"
	"testing"
)

const okJSON = `{"id":"a","title":"T","description":"","author":"","is_public":true,"quiz_enabled":false,"require_quiz":false,"require_feedback":false,"require_submission":false,"guide_markdown":null,"created_at":null}`

// lyingZip holds one entry whose header claims declared bytes while its
// deflate stream really expands to actual bytes of zeros.
func lyingZip(t *testing.T, name string, declared uint64, actual int) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	zeros := make([]byte, actual)
	fw.Write(zeros)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(zeros),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatalf("CreateRaw: %v", err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestImportRefusals(t *testing.T) {
	var manySteps []entry
	manySteps = append(manySteps, entry{name: "codelab.json", data: okJSON})
	for i := 1; i <= 201; i++ {
		manySteps = append(manySteps, entry{name: fmt.Sprintf("step_%03d_s.md", i), data: "x"})
	}
	manyClaat := "# T\n" + strings.Repeat("## s\nbody\n", 201)
	tests := []struct {
		name     string
		filename string
		data     func(t *testing.T) []byte
		limits   [2]int64 // total, file; zero keeps the defaults
		code     string
	}{
		{"zip slip", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "../../evil.md", data: "x"})
		}, [2]int64{}, CodeZipSlip},
		{"zip slip with backslashes", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: `images\..\..\evil.png`, data: "x"})
		}, [2]int64{}, CodeZipSlip},
		{"absolute path", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "/etc/codelab.json", data: okJSON})
		}, [2]int64{}, CodeZipSlip},
		{"windows drive path", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "C:/x/lab.md", data: "# T\n## s\n"})
		}, [2]int64{}, CodeZipSlip},
		{"symlink", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_x.md", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777})
		}, [2]int64{}, CodeSymlink},
		{"ratio bomb", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_x.md", data: strings.Repeat("\n", 5<<20)})
		}, [2]int64{}, CodeZipTooLarge},
		{"header lies about size", "a.zip", func(t *testing.T) []byte {
			return lyingZip(t, "lab.md", 10, 3<<20)
		}, [2]int64{}, CodeBadZip},
		{"total over budget", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_x.md", data: strings.Repeat("y", 3000)})
		}, [2]int64{2000, 20 << 20}, CodeZipTooLarge},
		{"entry over file cap", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_x.md", data: strings.Repeat("y", 2000)})
		}, [2]int64{100 << 20, 1000}, CodeFileTooLarge},
		{"bare markdown over file cap", "lab.md", func(t *testing.T) []byte {
			return []byte("# T\n## s\n" + strings.Repeat("y", 2000))
		}, [2]int64{100 << 20, 1000}, CodeFileTooLarge},
		{"latin-1 markdown", "lab.md", func(t *testing.T) []byte {
			return []byte("# Caf\xe9\n## s\n")
		}, [2]int64{}, CodeNotUTF8},
		{"latin-1 step in zip", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_x.md", data: "caf\xe9"})
		}, [2]int64{}, CodeNotUTF8},
		{"zip without codelab", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "photo.png", data: "png"})
		}, [2]int64{}, CodeNoCodelab},
		{"empty zip", "a.zip", func(t *testing.T) []byte { return makeZip(t) }, [2]int64{}, CodeNoCodelab},
		{"duplicate step", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_a.md", data: "a"}, entry{name: "step_1_b.md", data: "b"})
		}, [2]int64{}, CodeDuplicateStep},
		{"same entry twice", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "codelab.json", data: okJSON})
		}, [2]int64{}, CodeBadZip},
		{"too many steps in zip", "a.zip", func(t *testing.T) []byte { return makeZip(t, manySteps...) }, [2]int64{}, CodeTooManySteps},
		{"too many steps in markdown", "lab.md", func(t *testing.T) []byte { return []byte(manyClaat) }, [2]int64{}, CodeTooManySteps},
		{"truncated zip", "a.zip", func(t *testing.T) []byte {
			z := makeZip(t, entry{name: "codelab.json", data: okJSON})
			return z[:len(z)/2]
		}, [2]int64{}, CodeBadZip},
		{"bad codelab.json", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: `{"title": 3}`})
		}, [2]int64{}, CodeBadCodelab},
		{"codelab.json without title", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "codelab.json", data: `{"id":"x"}`})
		}, [2]int64{}, CodeNoTitle},
		{"two codelabs", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "a/codelab.json", data: okJSON}, entry{name: "b/codelab.json", data: okJSON})
		}, [2]int64{}, CodeBadZip},
		{"two markdown files", "a.zip", func(t *testing.T) []byte {
			return makeZip(t, entry{name: "a.md", data: "# A\n## s\n"}, entry{name: "b.md", data: "# B\n## s\n"})
		}, [2]int64{}, CodeBadZip},
		{"markdown without steps", "lab.md", func(t *testing.T) []byte { return []byte("id: x\n\n# Title only\n\ntext\n") }, [2]int64{}, CodeNoSteps},
		{"pdf", "slides.pdf", func(t *testing.T) []byte { return []byte("%PDF-1.4") }, [2]int64{}, CodeUnsupportedFormat},
		{"zip name, not a zip", "a.zip", func(t *testing.T) []byte { return []byte("hello") }, [2]int64{}, CodeBadZip},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			if tt.limits[0] != 0 {
				withLimits(t, tt.limits[0], tt.limits[1])
			}
			b, err := Import(tt.filename, data)
			if got := errCode(err); got != tt.code {
				t.Fatalf("Import: got code %q (%v), want %q", got, err, tt.code)
			}
			if b != nil {
				t.Errorf("Import returned a bundle with an error: %+v", b)
			}
			if msg := err.(*Error).Message; msg == "" || strings.Contains(msg, "%!") {
				t.Errorf("message: got %q, want a readable sentence", msg)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"lab.md", []byte("# T\n## s\n"), FormatClaatMD},
		{"LAB.MARKDOWN", []byte("# T\n"), FormatClaatMD},
		{"noext", []byte("# T\n"), FormatClaatMD},
		{"x.zip", makeZip(t, entry{name: "codelab.json", data: okJSON}, entry{name: "README.md", data: "r"}), FormatOpenCodelabs},
		{"x.zip", makeZip(t, entry{name: "lab/lab.md", data: "# T\n## s\n"}), FormatClaatZip},
		{"upload.bin", makeZip(t, entry{name: "lab.md", data: "# T\n## s\n"}), FormatClaatZip},
	}
	for _, tt := range tests {
		if got, err := Detect(tt.name, tt.data); err != nil || got != tt.want {
			t.Errorf("Detect(%q): got %q %v, want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestExportRefusesBadAssets(t *testing.T) {
	c := modelCodelab()
	for _, assets := range [][]Asset{
		{{Path: "../x.png"}}, {{Path: "/abs.png"}}, {{Path: "a.png"}, {Path: "./a.png"}},
	} {
		_, err := ExportClaat(&Bundle{Codelab: c, Assets: assets})
		if errCode(err) != CodeBadAsset {
			t.Errorf("ExportClaat(%v): got %v, want bad_asset", assets, err)
		}
	}
	_, err := ExportOpenCodelabs(&Bundle{Codelab: c, Assets: []Asset{{Path: "a/x.png"}, {Path: "b/x.png"}}})
	if errCode(err) != CodeBadAsset {
		t.Errorf("ExportOpenCodelabs with two x.png: got %v, want bad_asset", err)
	}
}
