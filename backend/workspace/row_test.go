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

	// Make it look like a workspace from before 0007 that was migrated
	// (the migration's own SQL, run on it), and open it again.
	path := db.Path()
	db.SQL().Exec("DELETE FROM settings WHERE key = 'row_hash'")
	m, err := migrationFS.ReadFile("migrations/0007_row_hash.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(string(m)); err != nil {
		t.Fatal(err)
	}
	db.Close()
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

// BenchmarkPrepare measures what the reading goroutine spends per row
// making a record ready for storing (values, fingerprint): a PostHog event
// and a wide Zendesk ticket.
func BenchmarkPrepare(b *testing.B) {
	db := MustCreate(b)
	batch, err := db.BeginImport(context.Background(), ImportMeta{File: "e.csv", Source: "posthog", Kind: "events"})
	if err != nil {
		b.Fatal(err)
	}
	defer batch.Rollback()
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	rep := int64(42)
	recs := []backend.Record{
		&backend.Event{Source: "posthog", ID: "0189a2b3-0001-7000-8000-000000000001", Name: "dashboard_viewed", DistinctID: "user42@acme7.io",
			Email: "user42@acme7.io", Time: at, AttrsJSON: `{"$current_url":"https://app.example/p/4","$browser":"Chrome"}`},
		&backend.Ticket{Source: "zendesk", ID: "100042", RequesterID: "9000042", RequesterEmail: "user42@acme2.io", Subject: "Cannot export report #42, please help",
			Status: "solved", Priority: "normal", Channel: "email", Type: "question", Group: "Support", Assignee: "Agent 3", Tags: []string{"how_to", "billing"},
			Created: at, Solved: &at, FirstReplyMinutes: &rep, ResolutionMinutes: &rep, Satisfaction: "good", AttrsJSON: `{"reopens":"1"}`},
	}
	p := batch.Preparer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := p.Prepare(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}
