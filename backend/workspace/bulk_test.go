package workspace

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"keel/backend"
)

func eventRows(t *testing.T, b *Batch, names ...string) []Row {
	t.Helper()
	var rows []Row
	for _, n := range names {
		// "e1 open": the id is the key, the name a value that may change
		id, name, _ := strings.Cut(n, " ")
		r, err := b.NewRow(&backend.Event{Source: "posthog", ID: id, Name: name, Time: time.Unix(1700000000, 0)})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	return rows
}

// putEvents starts an import and stores events named "id name" in it.
func putEvents(t *testing.T, db *DB, names ...string) (*Batch, []Outcome) {
	t.Helper()
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "e.csv", Source: "posthog", Kind: "events"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.PutMany(eventRows(t, b, names...))
	if err != nil {
		t.Fatal(err)
	}
	return b, out
}

func journalMode(t *testing.T, db *DB) string {
	var mode string
	if err := db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	return mode
}

// PutMany tells new rows, duplicates and changed rows apart whether they
// repeat within one file, within one INSERT or across imports; the
// workspace is back in WAL mode after each import.
func TestPutManyOutcomes(t *testing.T) {
	db := MustCreate(t)
	put := func(names ...string) (*Batch, []Outcome) { return putEvents(t, db, names...) }
	b, out := put("e1 open", "e2 open", "e1 open", "e3 open", "e2 shut")
	want := []Outcome{Inserted, Inserted, Duplicate, Inserted, Updated}
	if fmt.Sprint(out) != fmt.Sprint(want) {
		t.Errorf("first import: %v, want %v", out, want)
	}
	if err := b.Commit(Counts{}); err != nil {
		t.Fatal(err)
	}
	if m := journalMode(t, db); m != "wal" {
		t.Errorf("journal mode after an import: %s", m)
	}
	var fk int
	if db.SQL().QueryRow("PRAGMA foreign_keys").Scan(&fk); fk != 1 {
		t.Error("foreign keys are off after an import")
	}

	// A second file: one row unchanged, one changed, two new; more than one
	// INSERT's worth of rows so the bulk path meets taken and refused rows.
	names := []string{"e1 open", "e2 open", "e4 open"}
	for i := 0; i < bulkRows; i++ {
		names = append(names, fmt.Sprintf("n%d new", i))
	}
	b, out = put(names...)
	if out[0] != Duplicate || out[1] != Updated || out[2] != Inserted {
		t.Errorf("second import: %v", out[:3])
	}
	ins := 0
	for _, o := range out {
		if o == Inserted {
			ins++
		}
	}
	if ins != 1+bulkRows {
		t.Errorf("%d inserted, want %d", ins, 1+bulkRows)
	}
	if err := b.Commit(Counts{}); err != nil {
		t.Fatal(err)
	}
	var n, versions int
	db.SQL().QueryRow("SELECT count(*) FROM events").Scan(&n)
	db.SQL().QueryRow("SELECT count(*) FROM events_versions").Scan(&versions)
	if n != 4+bulkRows || versions != 1 {
		t.Errorf("%d events and %d kept versions, want %d and 1", n, versions, 4+bulkRows)
	}

	// A stored key twice in one run, changed and then back as stored: the
	// second row is compared with the first, not with what was stored.
	b, out = put("e1 shut", "e1 open", "e4 open")
	if want := []Outcome{Updated, Updated, Duplicate}; fmt.Sprint(out) != fmt.Sprint(want) {
		t.Errorf("third import: %v, want %v", out, want)
	}
	b.Rollback()

	b, _ = put("e9 open")
	b.Rollback()
	db.SQL().QueryRow("SELECT count(*) FROM events").Scan(&n)
	if n != 4+bulkRows || journalMode(t, db) != "wal" {
		t.Errorf("after a rollback: %d events, journal %s", n, journalMode(t, db))
	}
}

// A row that breaks a constraint inside a multi-row INSERT is not skipped
// quietly: it fails the import with the constraint named.
func TestPutManyReportsBrokenRow(t *testing.T) {
	db := MustCreate(t)
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "e.csv", Source: "posthog", Kind: "events"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	var names []string
	for i := 0; i < bulkRows+10; i++ {
		names = append(names, fmt.Sprintf("e%d open", i))
	}
	rows := eventRows(t, b, names...)
	name := slices.Index(tables[rows[7].Kind].cols, "name")
	rows[7].Vals[name] = nil
	out, err := b.PutMany(rows)
	if err == nil || !strings.Contains(err.Error(), "NOT NULL") {
		t.Fatalf("PutMany with a NULL name: %v, %v; want a NOT NULL error", out, err)
	}
}

// A file that repeats what the workspace holds switches PutMany to looking
// keys up before inserting; the outcomes are the same as row by row:
// duplicates, changed rows, new keys, and keys repeated within a run.
func TestPutManyRepeatedFile(t *testing.T) {
	db := MustCreate(t)
	put := func(names []string) []Outcome {
		t.Helper()
		b, out := putEvents(t, db, names...)
		if err := b.Commit(Counts{}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	var first []string
	for i := 0; i < 3*bulkRows; i++ {
		first = append(first, fmt.Sprintf("e%d open", i))
	}
	put(first)

	// A first run of duplicates only, then runs mixing every case.
	names := append([]string{}, first[:bulkRows]...)
	want := make([]Outcome, bulkRows)
	for i := range want {
		want[i] = Duplicate
	}
	add := func(name string, o Outcome) { names, want = append(names, name), append(want, o) }
	for i := bulkRows; i < 2*bulkRows; i++ {
		switch i % 8 {
		case 0:
			add(fmt.Sprintf("e%d shut", i), Updated)
		case 1:
			add(fmt.Sprintf("n%d new", i), Inserted)
			add(fmt.Sprintf("n%d new", i), Duplicate) // the same new row twice
		case 2:
			add(fmt.Sprintf("e%d shut", i), Updated)
			add(fmt.Sprintf("e%d open", i), Updated) // and back, within the run
		case 3:
			add(fmt.Sprintf("n%d new", i), Inserted)
			add(fmt.Sprintf("n%d other", i), Updated) // a new key, changed within the run
		default:
			add(fmt.Sprintf("e%d open", i), Duplicate)
		}
	}
	for i := 0; i < bulkRows; i++ { // then a run of new keys only
		add(fmt.Sprintf("m%d new", i), Inserted)
	}
	got := put(names)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("row %d (%s): %v, want %v", i, names[i], got[i], want[i])
		}
	}
	var n, versions int
	db.SQL().QueryRow("SELECT count(*) FROM events").Scan(&n)
	db.SQL().QueryRow("SELECT count(*) FROM events_versions").Scan(&versions)
	// new keys: 2 per 8 rows of the mixed run, and a run's worth more
	if wantN := 3*bulkRows + 2*bulkRows/8 + bulkRows; n != wantN {
		t.Errorf("%d events, want %d", n, wantN)
	}
	if versions != 2*bulkRows/8 { // the first change of each changed stored row
		t.Errorf("%d kept versions, want %d", versions, 2*bulkRows/8)
	}
}

// An undo runs on a rollback journal (rollbackConn) and leaves the
// workspace in WAL mode with foreign keys on, whether it went through or
// was refused because a later import changed the same rows.
func TestUndoLeavesTheWorkspaceInWALMode(t *testing.T) {
	db := MustCreate(t)
	commit := func(names ...string) int64 {
		b, _ := putEvents(t, db, names...)
		if err := b.Commit(Counts{}); err != nil {
			t.Fatal(err)
		}
		return b.ID()
	}
	first := commit("e1 open", "e2 open")
	commit("e2 shut", "e3 open")
	check := func(when string) {
		t.Helper()
		var fk int
		if m := journalMode(t, db); m != "wal" {
			t.Errorf("journal mode %s: %s", when, m)
		}
		if db.SQL().QueryRow("PRAGMA foreign_keys").Scan(&fk); fk != 1 {
			t.Errorf("foreign keys are off %s", when)
		}
	}
	if err := db.Undo(first); backend.ErrorCode(err) != backend.Conflict {
		t.Fatalf("undo of an import a later one changed: %v", err)
	}
	check("after a refused undo")
	second := commit("e4 open")
	if err := db.Undo(second); err != nil {
		t.Fatal(err)
	}
	check("after an undo")
	var n int
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM events").Scan(&n); err != nil || n != 3 {
		t.Errorf("%d events after the undo (%v), want 3", n, err)
	}
}

// An import and an undo go through while a read-only connection of the
// process reads beside (a screen's parallel read, PaidBeside): the
// journal cannot leave the log then, and they write through it.
func TestImportAndUndoBesideAReader(t *testing.T) {
	db := MustCreate(t)
	ro, err := sql.Open("sqlite3", db.readers)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rtx, err := ro.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer rtx.Rollback()
	var n int
	if err := rtx.QueryRow("SELECT COUNT(*) FROM events").Scan(&n); err != nil { // the read starts
		t.Fatal(err)
	}
	b, _ := putEvents(t, db, "e1 open", "e2 open")
	if err := b.Commit(Counts{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Undo(b.ID()); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM events").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d events after the undo (%v)", n, err)
	}
	if m := journalMode(t, db); m != "wal" {
		t.Errorf("journal mode: %s", m)
	}
}
