package importertest

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"keel/importers/csvfile"
)

// NeedReal skips the test when RealDir (the real exports, see its
// PROVENANCE.md) is not there; CI has it.
func NeedReal(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(RealDir); errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s does not exist", RealDir)
	}
}

// RealFiles lists every real CSV export, sorted.
func RealFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*/*.csv", "*/*/*.csv"} {
		m, err := filepath.Glob(filepath.Join(RealDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) < 10 {
		t.Fatalf("only %d real files in %s", len(files), RealDir)
	}
	return files
}

// NoneClaimed checks that detect scores 0 on every real CSV export of
// source (RealDir/source/*/*.csv), skipping when that directory is missing.
func NoneClaimed(t *testing.T, source string, detect func(*csvfile.Header) float64) {
	t.Helper()
	dir := filepath.Join(RealDir, source)
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		t.Skipf("%s not found", dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s samples in %s (%v)", sourceTitle(source), dir, err)
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := csvfile.Open(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got := detect(r.Header()); got != 0 {
			t.Errorf("%s: Detect = %v, want 0", path, got)
		}
	}
}

func sourceTitle(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
