package app

import (
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/internal/hostile"
)

// Issue 16 in the window: opening another program's SQLite file, or a
// workspace in a read-only folder, says what is wrong in one sentence,
// writes nothing, and leaves the open workspace open.
func TestOpenRefusesWhatKeelCannotOpen(t *testing.T) {
	s, _ := newApp(t)
	close(s.ready)
	ws := NewWorkspace(s)
	acme, err := ws.Create(filepath.Join(t.TempDir(), "acme"), "Acme")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.db")
	hostile.SQLite(t, notes, "CREATE TABLE notes(x)", "INSERT INTO notes VALUES('buy milk')")

	roDir := t.TempDir()
	other, err := ws.Create(filepath.Join(roDir, "other"), "Other")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Open(acme.Path); err != nil { // closes other
		t.Fatal(err)
	}
	t.Logf("read-only folder by %s", hostile.ReadOnlyDir(t, roDir))

	for _, c := range []struct {
		path, dir, want string
	}{
		{notes, dir, notes + " is not a Keel workspace: it is another program's SQLite database. Keel left it as it was"},
		{other.Path, roDir, "The folder " + roDir + " is read-only; Keel needs to write beside the workspace"},
	} {
		before := hostile.Files(t, c.dir)
		_, err := ws.Open(c.path)
		if backend.ErrorCode(err) != backend.Invalid || !strings.HasPrefix(backend.ErrorMessage(err), c.want) {
			t.Errorf("open %s: %v, want %q…", c.path, err, c.want)
		}
		if after := hostile.Files(t, c.dir); after != before {
			t.Errorf("open %s changed its folder:\n%s\nwas\n%s", c.path, after, before)
		}
		if cur, _ := ws.Current(); cur == nil || cur.Path != acme.Path {
			t.Errorf("after open %s the open workspace is %+v, want %s", c.path, cur, acme.Path)
		}
	}
}
