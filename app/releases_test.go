package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/releases"
	"keel/backend/workspace"
)

func putTickets(t *testing.T, db *workspace.DB, from time.Time, n int, every time.Duration) {
	t.Helper()
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "t.csv", Source: "zendesk", Kind: "tickets"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%d-%d", from.Unix(), i)
		if _, err := b.Put(&backend.Ticket{Source: "zendesk", ID: id, RequesterEmail: "a@acme.io", Status: "open", Created: from.Add(time.Duration(i) * every)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{Read: n, Imported: n}); err != nil {
		t.Fatal(err)
	}
}

// A release from its title to its review, as the page drives it: every
// edit saved, the call frozen with its evidence, the changelog written.
func TestReleaseFromTitleToChangelog(t *testing.T) {
	s := onEmpty(t)
	db, _ := s.workspace()
	now := s.now()
	// A ticket every 6 hours for 60 days up to now.
	putTickets(t, db, now.Add(-60*24*time.Hour), 240, 6*time.Hour)
	x := NewReleases(s)
	v, err := x.Create("  New invoice layout ")
	if err != nil {
		t.Fatal(err)
	}
	if v.Title != "New invoice layout" || v.Status != releases.Planned || v.Next != "decision" || len(v.Checklist) != 6 {
		t.Fatalf("created %+v", v.Release)
	}
	in := v.Release
	in.Decision, in.Behaviour, in.Owner = "Do clearer invoices cut billing tickets?", "Fewer 'what is this charge' tickets", "Maya"
	in.Areas, in.Kinds, in.Watch, in.Reverse = []string{"billing"}, []string{"feature"}, []string{"tickets", "refunds"}, "Flag off"
	in.Status, in.Calls = releases.Reviewed, nil // not the page's to set: ignored
	if v, err = x.Save(in); err != nil {
		t.Fatal(err)
	}
	if v.Status != releases.Planned || v.Owner != "Maya" || len(v.Warnings) != 0 {
		t.Fatalf("saved %s %+v", v.Status, v.Warnings)
	}
	if _, err := x.Watch(v.ID, "72h"); err == nil || !strings.Contains(err.Error(), "has no date yet") {
		t.Fatalf("watch before shipping: %v", err)
	}
	shipped := now.Add(-4 * 24 * time.Hour).In(db.Location()).Format("2006-01-02T15:04")
	if v, err = x.SetShipped(v.ID, shipped); err != nil || v.Status != releases.RollingOut || v.ShippedAt == nil {
		t.Fatalf("shipped: %v %+v", err, v)
	}
	w, err := x.Watch(v.ID, "72h")
	if err != nil {
		t.Fatal(err)
	}
	tk := w.Figures[0]
	if tk.Key != "tickets" || tk.After == nil || tk.After.N != 12 || tk.Usual == nil || tk.Usual.Windows != 8 {
		t.Fatalf("tickets %+v", tk.Cell)
	}
	v, err = x.Decide(v.ID, releases.Rollback, "", "Refunds tripled", "72h")
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != releases.Decided || len(v.Calls) != 1 || v.Calls[0].By != "Maya" {
		t.Fatalf("decided %s %+v", v.Status, v.Calls)
	}
	var ev releases.Watch
	if err := json.Unmarshal(v.Calls[0].Evidence, &ev); err != nil || ev.Figures[0].After.N != 12 {
		t.Fatalf("evidence: %v %+v", err, ev.Figures)
	}
	// More tickets in the window later: the live window changes, the
	// evidence of the call does not.
	putTickets(t, db, now.Add(-3*24*time.Hour), 10, time.Hour)
	if w, _ := x.Watch(v.ID, "72h"); w.Figures[0].After.N != 22 {
		t.Errorf("live window %d", w.Figures[0].After.N)
	}
	if g, _ := x.Get(v.ID); !strings.Contains(string(g.Calls[0].Evidence), `"after":12`) {
		t.Errorf("the evidence changed: %s", g.Calls[0].Evidence[:200])
	}
	ov, err := x.Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Ops.Releases != 1 || ov.Ops.Rollbacks != 1 || ov.BugsPerRelease != nil || ov.BugsMissing == "" || len(ov.Releases) != 1 || ov.Releases[0].Call.Call != "rollback" {
		t.Errorf("overview %+v", ov)
	}
	in = v.Release
	in.Review.Broke, in.Sentence = "Proration doubled annual invoices", "Invoices list each seat"
	x.Save(in)
	if v, err = x.SetStatus(v.ID, releases.Reviewed); err != nil || v.Times.Reviewed == nil {
		t.Fatalf("reviewed: %v", err)
	}
	path := filepath.Join(t.TempDir(), "CHANGELOG.md")
	if _, err := x.ExportChangelogTo(path); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(path)
	if !strings.Contains(string(md), "New invoice layout.** Invoices list each seat. _Rolled back on") {
		t.Errorf("changelog:\n%s", md)
	}
	// Delete asks on the page; here it is undone.
	if err := x.Delete(v.ID); err != nil {
		t.Fatal(err)
	}
	if ov, _ := x.Overview(""); len(ov.Releases) != 0 || len(ov.Deleted) != 1 || ov.Ops.Releases != 0 {
		t.Errorf("after delete %+v", ov)
	}
	if err := x.Restore(v.ID); err != nil {
		t.Fatal(err)
	}
	if ov, _ := x.Overview(""); len(ov.Releases) != 1 {
		t.Errorf("after restore %+v", ov)
	}
}

func TestReleasesFromAChangelog(t *testing.T) {
	s := onEmpty(t)
	x := NewReleases(s)
	if _, err := x.Propose("just some notes", "changelog"); backend.ErrorCode(err) != backend.Invalid {
		t.Fatalf("not a changelog: %v", err)
	}
	ps, err := x.ProposeFile(filepath.Join("..", "backend", "releases", "testdata", "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	if ps.Origin != "changelog" || len(ps.Proposals) != 5 {
		t.Fatalf("proposals %+v", ps)
	}
	n, err := x.Accept(*ps)
	if err != nil || n != 5 {
		t.Fatalf("accepted %d: %v", n, err)
	}
	// The same file again changes nothing.
	ps, _ = x.ProposeFile(filepath.Join("..", "backend", "releases", "testdata", "CHANGELOG.md"))
	if n, err := x.Accept(*ps); err != nil || n != 0 {
		t.Fatalf("again: %d %v", n, err)
	}
	ov, _ := x.Overview("2025-03")
	if len(ov.Releases) != 5 || ov.Ops.Releases != 2 || ov.Ops.Hotfixes != 0 {
		t.Errorf("overview %+v", ov.Ops)
	}
	tags, err := x.Propose("v1.0.0 2025-01-02\nv1.0.1 2025-01-05 10:00\n", "")
	if err != nil || tags.Origin != "tags" || len(tags.Proposals) != 2 {
		t.Fatalf("tags %+v %v", tags, err)
	}
}
