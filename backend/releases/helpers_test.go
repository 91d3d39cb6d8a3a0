package releases_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/releases"
	"keel/backend/workspace"
)

var ctx = context.Background()

// now is the tests' clock.
var now = time.Date(2025, 7, 20, 12, 0, 0, 0, time.UTC)

func newDB(t testing.TB) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Close() })
	return db
}

// put imports records as one import.
func put(t testing.TB, db *workspace.DB, recs ...backend.Record) {
	t.Helper()
	b, err := db.BeginImport(ctx, workspace.ImportMeta{File: "test.csv", Source: "test", Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := b.Put(r); err != nil {
			b.Rollback()
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{Read: len(recs), Imported: len(recs)}); err != nil {
		t.Fatal(err)
	}
}

func tp(t time.Time) *time.Time { return &t }
func i64(n int64) *int64        { return &n }

var seq int

func ticket(email string, at time.Time, tags ...string) *backend.Ticket {
	seq++
	return &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(seq), RequesterEmail: email, Status: "open", Created: at, Tags: tags}
}

func payment(cus, email string, at time.Time, amount int64, status string) *backend.Payment {
	seq++
	id := fmt.Sprintf("ch_%d", seq)
	return &backend.Payment{Source: "stripe", ID: id, RowKey: id, Created: at, Amount: amount, Currency: "usd",
		Converted: i64(amount), ConvertedCurrency: "usd", Status: status, Captured: status != "failed", CustomerID: cus, CustomerEmail: email}
}

// shipped is a release that went out at t.
func shipped(t testing.TB, title string, at time.Time) backend.Release {
	t.Helper()
	r := releases.New(title, at.Add(-24*time.Hour))
	r, err := releases.SetStatus(r, releases.RollingOut, at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func figure(t testing.TB, w *releases.Watch, key string) releases.Figure {
	t.Helper()
	for _, f := range append(w.Figures, w.Tags...) {
		if f.Key == key {
			return f
		}
	}
	t.Fatalf("no figure %q", key)
	return releases.Figure{}
}

func n(x *releases.Num) string {
	if x == nil {
		return "nil"
	}
	b, _ := x.MarshalJSON()
	return string(b)
}
