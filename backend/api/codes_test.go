package api

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// codesFile is the list of every error code the server can send, which the
// frontend's catalogue check uses to insist each has a translated message.
const codesFile = "../../frontend/src/lib/i18n/server-codes.json"

var (
	codeLit  = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	jsonCode = regexp.MustCompile(`"code":"([a-z0-9_]+)"`) // bodies written by hand, e.g. before the mux
)

// serverCodes finds error codes in the backend's non-test Go source: the
// code argument of the error constructors, Code fields of error literals,
// and the importer's Code constants. New constructors must be added here.
func serverCodes(t *testing.T) []string {
	t.Helper()
	codeArg := map[string]int{"Errorf": 1, "badRequest": 0, "errf": 0, "sendError": 0, "opError": 0}
	found := map[string]bool{}
	add := func(e ast.Expr) {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil && codeLit.MatchString(s) {
				found[s] = true
			}
		}
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				for _, m := range jsonCode.FindAllStringSubmatch(n.Value, -1) {
					found[m[1]] = true
				}
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if i, ok := codeArg[name]; ok && i < len(n.Args) {
					add(n.Args[i])
				}
			case *ast.CompositeLit:
				if !isErrorType(n.Type) {
					return true
				}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Code" {
							add(kv.Value)
						}
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if strings.HasPrefix(id.Name, "Code") && i < len(n.Values) {
						add(n.Values[i])
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(found))
	for c := range found {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

func isErrorType(e ast.Expr) bool {
	switch t := e.(type) {
	case *ast.Ident:
		return strings.HasSuffix(t.Name, "Error")
	case *ast.SelectorExpr:
		return strings.HasSuffix(t.Sel.Name, "Error")
	}
	return false
}

// TestServerCodesListed fails when the server gained or lost an error code
// and the frontend's list was not updated; UPDATE_CODES=1 rewrites the list.
func TestServerCodesListed(t *testing.T) {
	got := serverCodes(t)
	if len(got) < 40 {
		t.Fatalf("found only %d codes; the scan is broken", len(got))
	}
	if os.Getenv("UPDATE_CODES") == "1" {
		b, _ := json.MarshalIndent(got, "", " ")
		if err := os.WriteFile(codesFile, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(codesFile)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	if err := json.Unmarshal(b, &listed); err != nil {
		t.Fatal(err)
	}
	for _, c := range got {
		if !slices.Contains(listed, c) {
			t.Errorf("server code %q is not in %s (run with UPDATE_CODES=1, then translate errors.%s)", c, codesFile, c)
		}
	}
	for _, c := range listed {
		if !slices.Contains(got, c) {
			t.Errorf("%s lists %q, which the server no longer sends (run with UPDATE_CODES=1)", codesFile, c)
		}
	}
}
