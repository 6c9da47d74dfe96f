package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ExportClaat writes claat markdown: the header (from the codelab and
// Bundle.Meta), "# Title", and per step "## Title", "Duration: mm:00" and
// the body. "> Positive: ..." blockquotes become <aside> blocks, "# " and
// "## " headings inside a step become "### " (claat would read them as a
// title or a new step), and a body line starting "Duration:" is escaped.
// Without assets the result is <id>.md; with assets it is a ZIP holding
// <id>.md and each asset at its Path, which the markdown must use.
// The preparation guide and the attendee settings have no claat
// equivalent and are not written.
func ExportClaat(b *Bundle) (*ExportFile, error) {
	c := b.Codelab
	id := c.ID
	if id == "" {
		id = strings.ToLower(SafeFileTitle(c.Title))
	}
	hdr := map[string]string{
		"summary": c.Description, "id": id, "authors": c.Author,
		"tags": strings.Join(c.Tags, ", "),
	}
	if c.DurationMinutes > 0 {
		hdr["duration"] = strconv.Itoa(c.DurationMinutes)
	}
	var extra []string
	for k, v := range b.Meta {
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" || strings.ContainsAny(k, ":\r\n") || strings.HasPrefix(k, "#") || claatMapped[k] {
			continue
		}
		if _, known := hdr[k]; !known && !contains(claatHeaderOrder, k) {
			extra = append(extra, k)
		}
		hdr[k] = v
	}
	sort.Strings(extra)
	var w strings.Builder
	for _, k := range append(append([]string{}, claatHeaderOrder...), extra...) {
		if v := oneLine(hdr[k]); v != "" {
			fmt.Fprintf(&w, "%s: %s\n", k, v)
		}
	}
	fmt.Fprintf(&w, "\n# %s\n", headingText(c.Title))
	for i, s := range c.Steps {
		t := headingText(s.Title)
		if t == "" {
			t = fmt.Sprintf("Step %d", i+1)
		}
		fmt.Fprintf(&w, "\n## %s\n", t)
		if s.DurationMinutes > 0 {
			fmt.Fprintf(&w, "Duration: %d:00\n", s.DurationMinutes)
		}
		if envs := oneLine(strings.Join(s.Environments, ", ")); envs != "" && !strings.ContainsAny(envs, "\r\n") {
			fmt.Fprintf(&w, "Environment: %s\n", envs)
		}
		if body := claatExportBody(s.Markdown); body != "" {
			w.WriteString("\n" + body + "\n")
		}
		if forms := b.stepPolls(i+1, len(c.Steps)); len(forms) > 0 {
			w.WriteString("\n" + strings.Join(forms, "\n") + "\n")
		}
	}
	md := []byte(w.String())
	name := SafeFileTitle(id)
	if len(b.Assets) == 0 {
		return &ExportFile{Name: name + ".md", ContentType: "text/markdown; charset=utf-8", Data: md}, nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := map[string][]byte{name + ".md": md}
	order := []string{name + ".md"}
	for _, a := range b.Assets {
		p, err := cleanEntryName(a.Path)
		if err != nil || p == "" {
			return nil, errf(CodeBadAsset, "asset path %q must be relative and stay inside the codelab", a.Path)
		}
		if _, dup := files[p]; dup {
			return nil, errf(CodeBadAsset, "two files are named %q", p)
		}
		files[p] = a.Data
		order = append(order, p)
	}
	for _, p := range order {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p, Method: zip.Deflate, Modified: c.UpdatedAt})
		if err == nil {
			_, err = fw.Write(files[p])
		}
		if err != nil {
			return nil, fmt.Errorf("importer: export claat %s: %w", p, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("importer: export claat zip: %w", err)
	}
	return &ExportFile{Name: name + ".zip", ContentType: "application/zip", Data: buf.Bytes()}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// claatExportBody prepares one step's markdown for claat (see ExportClaat).
func claatExportBody(md string) string {
	md, _ = decodeText("step", []byte(md))
	lines := strings.Split(md, "\n")
	var out []string
	var f fence
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if f.line(l) {
			out = append(out, l)
			continue
		}
		if form, next, ok := exportPoll(lines, i); ok {
			out = append(out, form...)
			i = next
			continue
		}
		l = exportClaatLine(l)
		if t, ok := atxHeading(l, 1); ok {
			l = "### " + t
		} else if t, ok := atxHeading(l, 2); ok {
			l = "### " + t
		} else if durationRx.MatchString(l) || envRx.MatchString(l) {
			l = strings.Replace(l, ":", `\:`, 1)
		} else if m := asideQuoteRx.FindStringSubmatch(l); m != nil {
			body := []string{m[2]}
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], ">") {
				i++
				rest := strings.TrimPrefix(lines[i], ">")
				body = append(body, strings.TrimPrefix(rest, " "))
			}
			out = append(out, `<aside class="`+strings.ToLower(m[1])+`">`)
			out = append(out, body...)
			out = append(out, "</aside>")
			continue
		}
		out = append(out, l)
	}
	return strings.Join(trimBlankLines(out), "\n")
}

// headingText prepares a title for an ATX heading: one line, with a
// trailing "#" escaped so it is not read back as a closing sequence.
func headingText(s string) string {
	s = oneLine(s)
	if strings.HasSuffix(s, "#") {
		s = s[:len(s)-1] + `\#`
	}
	return s
}
