package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Limits applied to every import. They are variables only so tests can
// lower them; production code never changes them.
var (
	// MaxTotalBytes caps the bytes actually decompressed from one ZIP.
	MaxTotalBytes int64 = 100 << 20
	// MaxFileBytes caps one file: a ZIP entry, or a bare .md upload.
	MaxFileBytes int64 = 20 << 20
	// MaxRatio caps uncompressed:compressed for one entry once it is past
	// ratioFloor bytes (small text compresses far better than 100:1, so the
	// ratio alone would refuse honest files).
	MaxRatio int64 = 100
	// MaxSteps caps the number of steps in one codelab.
	MaxSteps = 200
	// MaxEntries caps the number of entries in one ZIP.
	MaxEntries = 5000
	// MaxStepBytes caps one step's markdown (and the guide's), the same
	// 200 KB the editor's PUT of steps allows.
	MaxStepBytes = 200 << 10
)

const ratioFloor = 1 << 20

// zipArchive is a validated ZIP: every entry name is safe, no entry is a
// symlink, and reads share one decompression budget.
type zipArchive struct {
	files  map[string]*zip.File // cleaned slash path -> entry (regular files only)
	names  []string             // sorted keys of files
	budget int64                // bytes still allowed to be decompressed
}

func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// openZip parses data as a ZIP and refuses unsafe entries before anything
// is decompressed: paths escaping the root, absolute paths, symlinks,
// duplicates and absurd entry counts.
func openZip(data []byte) (*zipArchive, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, errf(CodeBadZip, "the file is not a readable ZIP archive (%v)", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, errf(CodeTooManyFiles, "the ZIP holds %d files; at most %d are accepted", len(zr.File), MaxEntries)
	}
	za := &zipArchive{files: map[string]*zip.File{}, budget: MaxTotalBytes}
	var declared uint64
	for _, f := range zr.File {
		name, err := cleanEntryName(f.Name)
		if err != nil {
			return nil, err
		}
		mode := f.Mode()
		if mode&fs.ModeSymlink != 0 {
			return nil, errf(CodeSymlink, "the ZIP entry %q is a symbolic link; links are not accepted", f.Name)
		}
		if mode.IsDir() || strings.HasSuffix(f.Name, "/") || name == "" {
			continue
		}
		if !mode.IsRegular() {
			return nil, errf(CodeBadZip, "the ZIP entry %q is not a regular file", f.Name)
		}
		if ignoredEntry(name) {
			continue
		}
		if _, dup := za.files[name]; dup {
			return nil, errf(CodeBadZip, "the ZIP holds %q twice", name)
		}
		// Headers can lie, so this is only an early refusal; readEntry
		// counts the bytes really produced.
		declared += f.UncompressedSize64
		if declared > uint64(MaxTotalBytes) {
			return nil, errf(CodeZipTooLarge, "the ZIP unpacks to more than %d MB", MaxTotalBytes>>20)
		}
		za.files[name] = f
		za.names = append(za.names, name)
	}
	sort.Strings(za.names)
	return za, nil
}

// cleanEntryName turns a ZIP entry name into a clean relative slash path
// or refuses it. Backslashes count as separators because Windows tools
// write them.
func cleanEntryName(raw string) (string, error) {
	n := strings.ReplaceAll(raw, "\\", "/")
	if strings.HasPrefix(n, "/") || (len(n) >= 2 && n[1] == ':') {
		return "", errf(CodeZipSlip, "the ZIP entry %q has an absolute path", raw)
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return "", errf(CodeZipSlip, "the ZIP entry %q points outside the archive (..)", raw)
		}
	}
	if strings.ContainsRune(n, 0) {
		return "", errf(CodeBadZip, "the ZIP entry %q has a NUL byte in its name", raw)
	}
	c := path.Clean(n)
	if c == "." {
		return "", nil
	}
	return c, nil
}

// ignoredEntry reports files that archivers add on their own (macOS
// resource forks, Finder and Explorer metadata) and that are never content.
func ignoredEntry(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") ||
		base == ".DS_Store" || base == "Thumbs.db"
}

// readEntry decompresses one entry, counting real bytes against the
// per-file cap, the compression-ratio cap and the whole-archive budget.
func (za *zipArchive) readEntry(name string) ([]byte, error) {
	f, ok := za.files[name]
	if !ok {
		return nil, errf(CodeBadZip, "the ZIP has no file %q", name)
	}
	ratioCap := int64(ratioFloor)
	if c := int64(f.CompressedSize64); c > 0 && c < (1<<62)/MaxRatio && c*MaxRatio > ratioCap {
		ratioCap = c * MaxRatio
	}
	limit := min(MaxFileBytes, za.budget, ratioCap)
	rc, err := f.Open()
	if err != nil {
		return nil, errf(CodeBadZip, "cannot open %q in the ZIP (%v)", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, errf(CodeBadZip, "cannot read %q in the ZIP (%v)", name, err)
	}
	n := int64(len(data))
	if n > limit {
		switch limit {
		case MaxFileBytes:
			return nil, errf(CodeFileTooLarge, "%q is larger than %d MB", name, MaxFileBytes>>20)
		case za.budget:
			return nil, errf(CodeZipTooLarge, "the ZIP unpacks to more than %d MB", MaxTotalBytes>>20)
		default:
			return nil, errf(CodeZipTooLarge, "%q expands more than %d times its packed size; it looks like a ZIP bomb", name, MaxRatio)
		}
	}
	za.budget -= n
	return data, nil
}

// readText reads an entry and checks it is UTF-8 text; it returns the
// text with a BOM removed and line endings normalised to \n.
func (za *zipArchive) readText(name string) (string, error) {
	data, err := za.readEntry(name)
	if err != nil {
		return "", err
	}
	return decodeText(name, data)
}
