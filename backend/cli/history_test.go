package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// keel imports lists the history; keel undo undoes one import with the
// window's rules (imports.Undo): refused while a later import changed the
// same rows, then the rows come back as they were.
func TestImportsAndUndo(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "w.keel")
	first := filepath.Join(dir, "customers.csv")
	os.WriteFile(first, []byte(customersCSV(3)), 0o600)
	second := filepath.Join(dir, "renamed.csv")
	os.WriteFile(second, []byte(strings.Replace(customersCSV(4), "Person 0001", "Person One", 1)), 0o600)
	for _, f := range []string{first, second} {
		if code, _, errOut := run(t, "import", "--workspace", ws, f); code != 0 {
			t.Fatalf("import %s: %d %s", f, code, errOut)
		}
	}
	type item struct {
		ID                             int64
		File, SHA256                   string
		Read, Imported, Updated, Older int
		Duplicates, Rejected, Skipped  int
		UndoneAt                       *string `json:"undone_at"`
	}
	history := func() []item {
		t.Helper()
		code, out, errOut := run(t, "imports", "--workspace", ws, "--json")
		if code != 0 {
			t.Fatalf("imports: %d %s", code, errOut)
		}
		var doc struct{ Imports []item }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return doc.Imports
	}
	h := history()
	if len(h) != 2 || h[0].File != "renamed.csv" || h[0].Imported != 1 || h[0].Updated != 1 || h[0].Duplicates != 2 ||
		h[1].File != "customers.csv" || h[1].Imported != 3 || len(h[1].SHA256) != 64 || h[0].UndoneAt != nil {
		t.Fatalf("history %+v", h)
	}
	code, out, _ := run(t, "imports", "--workspace", ws)
	if code != 0 || !strings.Contains(out, "customers.csv (stripe customers) — read 3, imported 3, updated 0") {
		t.Errorf("text history:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"undo", "--workspace", ws, "1"}, 1, "keel undo: renamed.csv (import 2) changed rows that came from customers.csv. Undo that import first.\n"},
		{[]string{"undo", "--workspace", ws, "9"}, 1, "keel undo: There is no import number 9 in this workspace.\n"},
		{[]string{"undo", "--workspace", ws, "two"}, 1, "keel undo: \"two\" is not an import number (keel imports lists them)\n"},
		{[]string{"undo", "--workspace", ws}, 1, "keel undo: name the one import to undo by its number (keel imports lists them)\n"},
		{[]string{"imports", "--workspace", filepath.Join(dir, "none.keel")}, 1, "keel imports: There is no workspace at " + filepath.Join(dir, "none.keel") + ".\n"},
	} {
		if code, _, errOut := run(t, c.args...); code != c.code || errOut != c.want {
			t.Errorf("%v: exit %d %q, want %d %q", c.args, code, errOut, c.code, c.want)
		}
	}
	code, out, errOut := run(t, "undo", "--workspace", ws, "2")
	if code != 0 || out != "Undid import 2 (renamed.csv): its 1 new rows are gone and the 1 rows it changed are back as they were.\n" {
		t.Fatalf("undo: %d %q %s", code, out, errOut)
	}
	if h := history(); h[0].UndoneAt == nil || h[1].UndoneAt != nil {
		t.Errorf("after the undo: %+v", h)
	}
	code, _, errOut = run(t, "undo", "--workspace", ws, "2")
	if code != 1 || errOut != "keel undo: The import of renamed.csv was already undone.\n" {
		t.Errorf("undo twice: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "undo", "--workspace", ws, "1"); code != 0 {
		t.Errorf("undo 1 after 2: %d %s", code, errOut)
	}
}
