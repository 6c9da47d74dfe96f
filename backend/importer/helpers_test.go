package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// entry is one file of a ZIP built by a test.
type entry struct {
	name string
	data string
	mode fs.FileMode // 0 means a regular 0644 file
}

func makeZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatalf("create %s: %v", e.name, err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatalf("write %s: %v", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatalf("close zip: %v", err)
	}
	return buf.Bytes()
}

// zipNames lists the entry names of a ZIP in order.
func zipNames(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		rc.Close()
		out[f.Name] = b.String()
	}
	return out
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return data
}

// errCode returns the Code of an *Error, or "" for nil, or "not *Error".
func errCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "not *Error: " + err.Error()
}

// withLimits lowers the package limits for one test.
func withLimits(t *testing.T, total, file int64) {
	t.Helper()
	oldTotal, oldFile := MaxTotalBytes, MaxFileBytes
	MaxTotalBytes, MaxFileBytes = total, file
	t.Cleanup(func() { MaxTotalBytes, MaxFileBytes = oldTotal, oldFile })
}

// sane checks what every successful import promises.
func sane(t testing.TB, b *Bundle) {
	t.Helper()
	if b == nil {
		t.Fatalf("nil bundle with nil error")
	}
	if b.Codelab.Title == "" {
		t.Fatalf("empty title with nil error")
	}
	if len(b.Codelab.Steps) > MaxSteps {
		t.Fatalf("got %d steps, want <= %d", len(b.Codelab.Steps), MaxSteps)
	}
	for i, s := range b.Codelab.Steps {
		if s.Number != i+1 {
			t.Fatalf("step %d numbered %d, want %d", i, s.Number, i+1)
		}
	}
}
