package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/internal/hostile"
)

// Defect 2 (issue 16): any SQLite file given as a workspace was converted
// (35 Keel tables, WAL, mode 0600, no backup), even to read it. Another
// program's file is refused, to read or to write, and nothing is written
// to it or beside it. Before the fix Open returned it converted.
func TestAnotherProgramsSQLiteFileIsLeftAlone(t *testing.T) {
	cases := []struct {
		name  string
		stmts []string
	}{
		{"notes", []string{"CREATE TABLE notes(x)", "INSERT INTO notes VALUES('buy milk')"}},
		{"in WAL mode", []string{"PRAGMA journal_mode=WAL", "CREATE TABLE notes(x)"}},
		{"another application id", []string{"PRAGMA application_id=1598903374", "CREATE TABLE settings(key, value)"}},
		{"a schema version, not Keel's tables", []string{"PRAGMA user_version=3", "CREATE TABLE settings(key, value)", "CREATE TABLE imports(id)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "notes.db")
			hostile.SQLite(t, path, c.stmts...)
			os.Chmod(path, 0o644)
			before := hostile.Files(t, dir)
			for name, open := range map[string]func(string) (*DB, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
				db, err := open(path)
				if err == nil {
					db.Close()
					t.Fatalf("%s opened it", name)
				}
				want := path + " is not a Keel workspace: it is another program's SQLite database. Keel left it as it was"
				if backend.ErrorCode(err) != backend.Invalid || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("%s: %v", name, err)
				}
				if after := hostile.Files(t, dir); after != before {
					t.Errorf("%s changed the folder:\n%s\nwas\n%s", name, after, before)
				}
			}
		})
	}
	// Nor is an empty file made a workspace: Keel creates one only where
	// no file is.
	empty := filepath.Join(t.TempDir(), "empty.keel")
	os.WriteFile(empty, nil, 0o644)
	if _, err := Open(empty); err == nil || !strings.Contains(err.Error(), "is an empty file, not a Keel workspace") {
		t.Errorf("empty file: %v", err)
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("the empty file was written")
	}
}

func TestWorkspacesCarryKeelsApplicationID(t *testing.T) {
	db := MustCreate(t)
	if id, err := db.ApplicationID(); err != nil || id != AppID {
		t.Fatalf("application id %d %v", id, err)
	}
	// A workspace of a Keel from before the id: read as it is, stamped
	// when next opened to write.
	path := db.Path()
	db.SQL().Exec("PRAGMA application_id = 0")
	db.Close()
	dir := filepath.Dir(path)
	before := hostile.Files(t, dir)
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := ro.ApplicationID(); id != 0 {
		t.Errorf("read-only open stamped it: %d", id)
	}
	ro.Close()
	if after := hostile.Files(t, dir); after != before {
		t.Errorf("reading changed the folder:\n%s\nwas\n%s", after, before)
	}
	rw, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if id, _ := rw.ApplicationID(); id != AppID {
		t.Errorf("not stamped on write: %d", id)
	}
}

// A read-only open writes nothing to the workspace or beside it: no
// migration (an older format is read from a private upgraded copy), no
// journal, no shared memory, no change of mode, no backup.
func TestReadOnlyOpenWritesNothing(t *testing.T) {
	db := MustCreate(t)
	path := db.Path()
	db.SetSetting(SettingName, "Before")
	db.Close()
	os.Chmod(path, 0o640)
	dir := filepath.Dir(path)
	// private: the read goes to a private copy, which takes writes.
	read := func(want string, private bool) {
		t.Helper()
		before := hostile.Files(t, dir)
		ro, err := OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		if name, err := ro.Setting(SettingName); err != nil || name != want {
			t.Errorf("name %q %v", name, err)
		}
		if err := ro.SetSetting(SettingName, "After"); (err == nil) != private || err != nil && !neededWrite(err) {
			t.Errorf("a write to the read-only workspace: %v", err)
		}
		ro.Close()
		if after := hostile.Files(t, dir); after != before {
			t.Errorf("reading changed the folder:\n%s\nwas\n%s", after, before)
		}
	}
	read("Before", false)
	// An older format: a migration this Keel has and the file lacks.
	restore := addMigration(migration{version: SchemaVersion() + 1, name: "test_extra.sql", sql: "CREATE TABLE extra(x);"})
	defer restore()
	read("Before", true)
	// View reads through a private copy when reading needs a write.
	before := hostile.Files(t, dir)
	tries := 0
	err := View(path, func(db *DB) error {
		tries++
		return db.SetSetting(SettingName, fmt.Sprintf("try %d", tries))
	})
	if err != nil || tries != 1 {
		t.Errorf("older format: %v after %d tries", err, tries)
	}
	restore()
	// The private copy is in memory, or in the temp folder for a large
	// workspace, and gone once read.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, limit := range []int64{privateInMemory, 0} {
		defer func(was int64) { privateInMemory = was }(privateInMemory)
		privateInMemory = limit
		tries = 0
		err = View(path, func(db *DB) error {
			tries++
			return db.SetSetting(SettingName, fmt.Sprintf("try %d", tries))
		})
		if err != nil || tries != 2 {
			t.Errorf("current format, copies in memory up to %d bytes: %v after %d tries", limit, err, tries)
		}
	}
	if after := hostile.Files(t, dir); after != before {
		t.Errorf("View changed the folder:\n%s\nwas\n%s", after, before)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("private copies left in the temp folder: %v", left)
	}
}

// Defect 7 (issue 16): a workspace in a read-only folder gave "is not a
// Keel workspace: attempt to write a readonly database". Opening it to
// write says what is wrong; reading it works (immutable open). Root
// ignores permission bits: see hostile.ReadOnlyDir for how the folder is
// made read-only.
func TestWorkspaceInAReadOnlyFolder(t *testing.T) {
	db := MustCreate(t)
	path := db.Path()
	db.SetSetting(SettingName, "Shelf")
	db.Close()
	dir := filepath.Dir(path)
	t.Logf("read-only folder by %s", hostile.ReadOnlyDir(t, dir))
	before := hostile.Files(t, dir)
	_, err := Open(path)
	want := "The folder " + dir + " is read-only; Keel needs to write beside the workspace (its journal) to change it."
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Open: %v\nwant %s", err, want)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	if name, err := ro.Setting(SettingName); err != nil || name != "Shelf" {
		t.Errorf("name %q %v", name, err)
	}
	ro.Close()
	if after := hostile.Files(t, dir); after != before {
		t.Errorf("the folder changed:\n%s\nwas\n%s", after, before)
	}
}

// A workspace of every older format on this Keel (each migration's
// version, with Keel's application id and without it, as Keels before the
// id made them) is recognised as Keel's: read without a byte written, and
// opened to write, it is backed up, migrated to the current format and
// stamped. A migration added later is covered by the loop, not by a list.
func TestEveryOlderFormatOpens(t *testing.T) {
	ms := migrations()
	for _, m := range ms[:len(ms)-1] {
		for _, stamped := range []bool{true, false} {
			t.Run(fmt.Sprintf("v%d stamped %v", m.version, stamped), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "old.keel")
				stmts := []string{fmt.Sprintf("PRAGMA page_size=%d", pageSize)}
				if stamped {
					stmts = append(stmts, fmt.Sprintf("PRAGMA application_id=%d", AppID))
				}
				for _, o := range ms {
					if o.version <= m.version {
						stmts = append(stmts, o.sql, fmt.Sprintf("PRAGMA user_version = %d", o.version))
					}
				}
				hostile.SQLite(t, path, append(stmts, "INSERT OR REPLACE INTO settings(key, value) VALUES('name', 'Old Co')")...)
				dir := filepath.Dir(path)
				before := hostile.Files(t, dir)
				ro, err := OpenReadOnly(path)
				if err != nil {
					t.Fatal(err)
				}
				if v, _ := ro.Version(); v != SchemaVersion() {
					t.Errorf("read at version %d, want the private copy at %d", v, SchemaVersion())
				}
				if name, err := ro.Setting(SettingName); err != nil || name != "Old Co" {
					t.Errorf("name %q %v", name, err)
				}
				ro.Close()
				if after := hostile.Files(t, dir); after != before {
					t.Errorf("reading changed the folder:\n%s\nwas\n%s", after, before)
				}
				rw, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer rw.Close()
				if v, _ := rw.Version(); v != SchemaVersion() {
					t.Errorf("opened at version %d, want %d", v, SchemaVersion())
				}
				if id, _ := rw.ApplicationID(); id != AppID {
					t.Errorf("application id %d", id)
				}
				if _, err := os.Stat(rw.BackupPath(m.version)); err != nil {
					t.Errorf("no backup before migrating: %v", err)
				}
			})
		}
	}
}
