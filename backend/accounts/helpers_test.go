package accounts_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

var ctx = context.Background()

func newDB(t testing.TB) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

// put imports records as one import and returns its id.
func put(t testing.TB, db *workspace.DB, recs ...backend.Record) int64 {
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
	return b.ID()
}

func day(d int) time.Time { return time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

func tp(t time.Time) *time.Time { return &t }

func customer(id, email, name string, created time.Time) *backend.Customer {
	return &backend.Customer{Source: "stripe", ID: id, Email: email, Name: name, Created: tp(created)}
}

// customerOf is a customer of another billing tool.
func customerOf(source, id, email, name string, created time.Time) *backend.Customer {
	return &backend.Customer{Source: source, ID: id, Email: email, Name: name, Created: tp(created)}
}

var ticketSeq int

func ticket(email string, created time.Time) *backend.Ticket {
	ticketSeq++
	return &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(ticketSeq), RequesterEmail: email, Status: "open", Created: created}
}

var eventSeq int

func event(distinct, email, name string, at time.Time) *backend.Event {
	eventSeq++
	return &backend.Event{Source: "posthog", ID: fmt.Sprintf("e%d", eventSeq), Name: name, DistinctID: distinct, Email: email, Time: at}
}

// byName lists the accounts by name.
func byName(t testing.TB, db *workspace.DB) map[string]accounts.Account {
	t.Helper()
	page, err := accounts.List(ctx, db, accounts.ListOptions{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]accounts.Account{}
	for _, a := range page.Accounts {
		if _, dup := out[a.Name]; dup {
			t.Fatalf("two accounts named %q", a.Name)
		}
		out[a.Name] = a
	}
	return out
}

// names lists the account names, sorted.
func names(m map[string]accounts.Account) string {
	var ns []string
	for n := range m {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return strings.Join(ns, ", ")
}

func mustAccount(t testing.TB, m map[string]accounts.Account, name string) accounts.Account {
	t.Helper()
	a, ok := m[name]
	if !ok {
		t.Fatalf("no account %q; have %s", name, names(m))
	}
	return a
}

func unlinked(t testing.TB, db *workspace.DB) accounts.UnlinkedSummary {
	t.Helper()
	u, err := accounts.Unlinked(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return *u
}
