package importertest

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"
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
