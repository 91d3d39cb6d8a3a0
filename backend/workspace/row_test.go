package workspace

import (
	"context"
	"hash/fnv"
	"testing"
	"time"

	"github.com/cespare/xxhash/v2"

	"keel/backend"
)

// New workspaces fingerprint rows with xxHash64; a workspace that held rows
// before migration 0007 keeps FNV-1a, so its rows still match themselves.
func TestRowFingerprintKeptPerWorkspace(t *testing.T) {
	db := MustCreate(t)
	ev := func(id string) *backend.Event {
		return &backend.Event{Source: "posthog", ID: id, Name: "signed_up", Time: time.Unix(1700000000, 0)}
	}
	importOne := func(e *backend.Event) (Outcome, int64) {
		t.Helper()
		b, err := db.BeginImport(context.Background(), ImportMeta{File: "e.csv", Source: "posthog", Kind: "events"})
		if err != nil {
			t.Fatal(err)
		}
		out, err := b.Put(e)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(Counts{}); err != nil {
			t.Fatal(err)
		}
		var h int64
		if err := db.SQL().QueryRow("SELECT hash FROM events WHERE key = ?", e.Key()).Scan(&h); err != nil {
			t.Fatal(err)
		}
		return out, h
	}
	want := func(e *backend.Event, old bool) int64 {
		p := appendValues(nil, tables["event"].values(e, &boxer{}))
		if old {
			h := fnv.New64a()
			h.Write(p)
			return int64(h.Sum64())
		}
		return int64(xxhash.Sum64(p))
	}

	if out, h := importOne(ev("a")); out != Inserted || h != want(ev("a"), false) {
		t.Errorf("new workspace: %v, hash %d, want xxHash64 %d", out, h, want(ev("a"), false))
	}
	if out, _ := importOne(ev("a")); out != Duplicate {
		t.Errorf("same row again: %v", out)
	}

	// Make it look like a workspace from before 0007, and open it again.
	path := db.Path()
	db.SQL().Exec("PRAGMA user_version = 6")
	db.Close()
	var err error
	if db, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if out, h := importOne(ev("b")); out != Inserted || h != want(ev("b"), true) {
		t.Errorf("older workspace: %v, hash %d, want FNV-1a %d", out, h, want(ev("b"), true))
	}
	if out, _ := importOne(ev("b")); out != Duplicate {
		t.Errorf("same row again in the older workspace: %v", out)
	}
}
