package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Keel never touches the network. These tests fail if the page or the Go
// code refers to a remote URL for anything it could load.

var remoteURL = regexp.MustCompile(`https?://[^\s"'<>)]+`)

// harmless are identifiers that look like URLs but load nothing: XML
// namespaces inside libraries and the OOXML format, loopback, and the
// reserved .example domain the demo company's page views use as data.
var harmless = regexp.MustCompile(`^https?://(www\.w3\.org/|localhost|127\.0\.0\.1|ns\.adobe\.com/|purl\.org/|schemas\.(openxmlformats|microsoft)\.com/|([a-z0-9-]+\.)*[a-z0-9-]+\.example([/:]|$))`)

// assetLoad matches ways a page pulls something from a URL.
var assetLoad = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?https?://|url\(\s*["']?https?://|@import\s+["']https?://|import\(\s*["']https?://|fetch\(\s*["']https?://|new\s+WebSocket\(\s*["']wss?://`)

func TestGoCodeHasNoRemoteURLs(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "frontend" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, u := range remoteURL.FindAllString(s, -1) {
				if !harmless.MatchString(u) {
					t.Errorf("%s: remote URL %q in Go code", fset.Position(lit.Pos()), u)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPageLoadsNothingRemote(t *testing.T) {
	roots := []string{"frontend/index.html", "frontend/src", "frontend/dist"}
	checked := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(path) {
			case ".html", ".js", ".mjs", ".ts", ".svelte", ".css":
			default:
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			for _, loc := range assetLoad.FindAllIndex(b, -1) {
				end := loc[1] + 80
				if end > len(b) {
					end = len(b)
				}
				snippet := string(b[loc[0]:end])
				if u := remoteURL.FindString(snippet); u != "" && !harmless.MatchString(u) {
					t.Errorf("%s: loads %q from the network", path, snippet)
				}
			}
			return nil
		})
	}
	if checked == 0 {
		t.Fatal("no frontend files found to check")
	}
	index, err := os.ReadFile("frontend/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), "Content-Security-Policy") || !strings.Contains(string(index), "default-src 'self'") {
		t.Error("frontend/index.html has no Content-Security-Policy with default-src 'self'")
	}
}
