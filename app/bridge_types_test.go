package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The window's JavaScript calls the methods Wails binds on *App through the
// hand-written AppBindings interface in desktop-bridge.ts. Wails' generated
// bindings are not committed, so this test keeps the two in step: the same
// exported methods with the same number of parameters, and the session
// fields the window reads. It parses the Go files rather than reflecting, so
// the desktop-only methods are seen by the headless build too.
const bridgeFile = "../frontend/src/lib/services/desktop-bridge.ts"

func goBindings(t *testing.T) map[string]int {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	methods := map[string]int{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if id, ok := star.X.(*ast.Ident); !ok || id.Name != "App" {
				continue
			}
			n := 0
			for _, p := range fn.Type.Params.List {
				n += max(1, len(p.Names))
			}
			methods[fn.Name.Name] = n
		}
	}
	return methods
}

func tsBindings(t *testing.T) (map[string]int, string) {
	t.Helper()
	src, err := os.ReadFile(bridgeFile)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)export interface AppBindings \{(.*?)\n\}`).FindSubmatch(src)
	if block == nil {
		t.Fatalf("%s: no AppBindings interface", bridgeFile)
	}
	methods := map[string]int{}
	var session string
	for _, m := range regexp.MustCompile(`(?m)^\s*(\w+)\(([^)]*)\):\s*Promise<(.*)>;`).FindAllStringSubmatch(string(block[1]), -1) {
		n := 0
		if strings.TrimSpace(m[2]) != "" {
			n = strings.Count(m[2], ",") + 1
		}
		methods[m[1]] = n
		if m[1] == "AdminSession" {
			session = m[3]
		}
	}
	return methods, session
}

func TestBridgeTypesMatchGo(t *testing.T) {
	goM := goBindings(t)
	tsM, session := tsBindings(t)
	if !reflect.DeepEqual(goM, tsM) {
		t.Errorf("bound methods: Go has %v, desktop-bridge.ts AppBindings has %v (name → parameter count)", goM, tsM)
	}
	var want []string
	st := reflect.TypeOf(Session{})
	for i := range st.NumField() {
		want = append(want, strings.Split(st.Field(i).Tag.Get("json"), ",")[0])
	}
	var got []string
	for _, m := range regexp.MustCompile(`(\w+)\??:`).FindAllStringSubmatch(session, -1) {
		got = append(got, m[1])
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AdminSession fields: desktop-bridge.ts has %v, Go's Session has %v", got, want)
	}
}
