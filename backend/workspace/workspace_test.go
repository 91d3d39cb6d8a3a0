package workspace

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
)

// MustCreate makes a fresh workspace in a temp dir with a fixed clock.
func MustCreate(tb testing.TB) *DB {
	tb.Helper()
	db, err := Create(filepath.Join(tb.TempDir(), "test.keel"), "Test Co")
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestCreateAppliesMigrationsOnce(t *testing.T) {
	db := MustCreate(t)
	v, err := db.Version()
	if err != nil || v != SchemaVersion() {
		t.Fatalf("version = %d, %v; want %d", v, err, SchemaVersion())
	}
	path := db.Path()
	db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
	// Reopening applies nothing and writes no backup.
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if _, err := os.Stat(db2.BackupPath(v)); !os.IsNotExist(err) {
		t.Errorf("a backup was written when nothing needed migrating")
	}
	name, _ := db2.Setting(SettingName)
	if name != "Test Co" {
		t.Errorf("name = %q", name)
	}
	var mode string
	db2.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode)
	var fk int
	db2.SQL().QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if mode != "wal" || fk != 1 {
		t.Errorf("journal_mode=%s foreign_keys=%d; want wal, 1", mode, fk)
	}
}

func TestBackupBeforeMigrating(t *testing.T) {
	db := MustCreate(t)
	path := db.Path()
	db.SetSetting(SettingName, "Before")
	db.Close()
	// Add a migration beyond the current schema for this test only.
	next := SchemaVersion() + 1
	extra := migration{version: next, name: "test_extra.sql", sql: "CREATE TABLE extra(x);"}
	restore := addMigration(extra)
	defer restore()
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if v, _ := db2.Version(); v != next {
		t.Fatalf("version = %d, want %d", v, next)
	}
	bak := db2.BackupPath(next - 1)
	bdb, err := Open(bak)
	if err != nil {
		t.Fatalf("backup not readable: %v", err)
	}
	defer bdb.Close()
	restore() // the backup is at the old version; reading it must not need the extra migration
	if name, _ := bdb.Setting(SettingName); name != "Before" {
		t.Errorf("backup name = %q", name)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	db := MustCreate(t)
	path := db.Path()
	db.SQL().Exec("PRAGMA user_version = 999")
	db.Close()
	_, err := Open(path)
	if backend.ErrorCode(err) != backend.Conflict || !strings.Contains(err.Error(), "newer Keel") {
		t.Fatalf("err = %v, want a conflict about a newer Keel", err)
	}
}

func TestNotAWorkspace(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.keel")
	os.WriteFile(p, []byte("hello, this is not sqlite at all"), 0o600)
	_, err := Open(p)
	if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), "not a Keel workspace") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.keel")); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("missing file: err = %v", err)
	}
}

// TestSecondProcessRefused opens the workspace here and again from a child
// process (this test binary re-run), which must get a clear conflict.
func TestSecondProcessRefused(t *testing.T) {
	if p := os.Getenv("KEEL_TEST_OPEN"); p != "" {
		_, err := Open(p)
		if err == nil {
			os.Exit(0)
		}
		os.Stderr.WriteString(string(backend.ErrorCode(err)) + ": " + err.Error())
		os.Exit(3)
	}
	db := MustCreate(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondProcessRefused$")
	cmd.Env = append(os.Environ(), "KEEL_TEST_OPEN="+db.Path())
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("second process: err=%v out=%s", err, out)
	}
	if !strings.Contains(string(out), "conflict: ") || !strings.Contains(string(out), "already open") {
		t.Fatalf("message = %s", out)
	}
	// Once closed, another process may open it.
	db.Close()
	cmd = exec.Command(os.Args[0], "-test.run=^TestSecondProcessRefused$")
	cmd.Env = append(os.Environ(), "KEEL_TEST_OPEN="+db.Path())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("after close: %v %s", err, out)
	}
}

func TestSettingsValidated(t *testing.T) {
	db := MustCreate(t)
	cases := []struct{ key, value, want string }{
		{SettingTimeZone, "Mars/Olympus", "not a time zone"},
		{SettingChurnTiming, "whenever", "must be one of"},
		{"colour", "blue", "no setting"},
		{SettingName, " ", "needs a name"},
	}
	for _, c := range cases {
		err := db.SetSetting(c.key, c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetSetting(%s, %q) = %v, want %q", c.key, c.value, err, c.want)
		}
	}
	if err := db.SetSetting(SettingTimeZone, "Europe/Paris"); err != nil {
		t.Fatal(err)
	}
	if db.Location().String() != "Europe/Paris" {
		t.Errorf("location = %v", db.Location())
	}
	if v, _ := db.Setting(SettingChurnTiming); v != "period_end" {
		t.Errorf("default churn timing = %q", v)
	}
}

func TestNewWorkspacesUseLargePages(t *testing.T) {
	db, err := Create(filepath.Join(t.TempDir(), "p.keel"), "P")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var size int
	var mode string
	if err := db.SQL().QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if size != pageSize || mode != "wal" {
		t.Errorf("page size %d, journal %s; want %d and wal", size, mode, pageSize)
	}
}

func TestAFrozenReviewRefusesEveryChange(t *testing.T) {
	db, err := Create(filepath.Join(t.TempDir(), "w.keel"), "W")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := db.EditReview("2026-02", "freshness", at, func(e *ReviewEdit) error {
		_, err := e.AddDecision(ReviewDecision{Kind: "keep", What: "x", Owner: "y", Due: "2026-03-31"}, at)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	mark, err := db.StateMark()
	if err != nil {
		t.Fatal(err)
	}
	if done, err := db.FreezeReview("2026-02", "decisions", at, "{}", []ReviewSource{{ImportID: 1, File: "f.csv", SHA256: "abc"}}, mark); !done || err != nil {
		t.Fatalf("freeze: %v %v", done, err)
	}
	if done, err := db.FreezeReview("2026-03", "decisions", at, "{}", nil, "stale"); done || err != nil {
		t.Errorf("a freeze after the workspace changed goes through: %v %v", done, err)
	}
	for _, q := range []string{
		"UPDATE reviews SET snapshot = '{}' WHERE month = '2026-02'",
		"DELETE FROM review_decisions WHERE month = '2026-02'",
		"UPDATE review_sources SET sha256 = 'x' WHERE month = '2026-02'",
		"INSERT INTO review_answers(month, item, answer) VALUES('2026-02', 'plans_by_hand', 'yes')",
	} {
		if _, err := db.sql.Exec(q); err == nil || !strings.Contains(err.Error(), "frozen") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if err := db.EditReview("2026-02", "freshness", at, func(e *ReviewEdit) error { return e.SetNotes("later") }); err == nil ||
		!strings.Contains(err.Error(), "frozen") {
		t.Errorf("editing a frozen review: %v", err)
	}
	r, err := db.Review("2026-02")
	if err != nil || r == nil || r.FrozenAt == nil || r.Snapshot != "{}" {
		t.Fatalf("review %+v %v", r, err)
	}
	if src, err := db.ReviewSources("2026-02"); err != nil || len(src) != 1 || src[0].SHA256 != "abc" {
		t.Errorf("sources %+v %v", src, err)
	}
	if m, err := db.LastFrozenReview(); err != nil || m != "2026-02" {
		t.Errorf("last frozen %q %v", m, err)
	}
}
