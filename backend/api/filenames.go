package api

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanFileName keeps the base name of an uploaded file without control
// characters, path separators or quotes, at most 200 bytes, so it is safe
// in a Content-Disposition header and on any file system.
func cleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '"' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '<' || r == '>' || r == '|':
			return '_'
		case unicode.IsControl(r) || r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ':
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(strings.Trim(name, "."))
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" {
		return "download"
	}
	return name
}

// attachment is a Content-Disposition value for downloading name: an ASCII
// fallback plus the UTF-8 name (RFC 6266 / RFC 5987).
func attachment(name string) string {
	name = cleanFileName(name)
	ascii := strings.Map(func(r rune) rune {
		if r > 0x7e || r < 0x20 {
			return '_'
		}
		return r
	}, name)
	var enc strings.Builder
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0) {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, enc.String())
}
