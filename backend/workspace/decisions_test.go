package workspace

import (
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"keel/backend"
)

func TestDecisionSaveReadDelete(t *testing.T) {
	db := MustCreate(t)
	th := 0.9
	d, err := db.SaveDecision(backend.Decision{Kind: "change", What: "Annual plans at 10 months' price", Why: "Cash up front",
		Owner: "Maya", Made: "2026-01-10", Figure: "revenue.nrr", Expect: "at_least", Threshold: &th, ReviewOn: "2026-04-10",
		Status: backend.DecisionMade})
	if err != nil {
		t.Fatal(err)
	}
	if d.ID == 0 || d.Origin != backend.OriginDirect || d.Threshold == nil || *d.Threshold != 0.9 || d.Created.IsZero() {
		t.Fatalf("saved %+v", d)
	}
	d.Status, d.ClosedOn = backend.DecisionValidated, "2026-04-12"
	before := 1.0
	d.Evidence = &backend.DecisionEvidence{Figure: "revenue.nrr", BeforeMonth: "2025-12", AfterMonth: "2026-03", Before: &before, Proposed: "invalidated"}
	d.Threshold = nil
	if d, err = db.SaveDecision(d); err != nil {
		t.Fatal(err)
	}
	got, err := db.Decision(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "validated" || got.Threshold != nil || got.Evidence == nil || *got.Evidence.Before != 1 || got.Evidence.After != nil {
		t.Fatalf("read back %+v (evidence %+v)", got, got.Evidence)
	}
	if _, err := db.SaveDecision(backend.Decision{ID: 999, Kind: "keep", What: "x", Owner: "y", Made: "2026-01-01", ReviewOn: "2026-02-01", Status: "made"}); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("update of a missing decision: %v", err)
	}
	if _, err := db.SaveDecision(backend.Decision{Kind: "maybe", What: "x", Owner: "y", Made: "2026-01-01", ReviewOn: "2026-02-01", Status: "made"}); err == nil {
		t.Fatal("a kind outside keep/change/fix/stop was stored")
	}
	if err := db.DeleteDecision(d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decision(d.ID); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("after delete: %v", err)
	}
}

// oldWorkspace writes a workspace at schema version v with the given SQL
// run after its migrations.
func oldWorkspace(t *testing.T, v int, seed string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.keel")
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, m := range migrations() {
		if m.version > v {
			break
		}
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	if _, err := raw.Exec(seed + fmt.Sprintf("; PRAGMA user_version = %d", v)); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReviewDecisionsMoveIntoTheLog(t *testing.T) {
	path := oldWorkspace(t, 7, `
		INSERT INTO reviews(month, step, started_at, updated_at) VALUES('2026-01', 'decisions', 1769900000, 1769900000);
		INSERT INTO reviews(month, step, started_at, updated_at) VALUES('2026-02', 'decisions', 1772300000, 1772300000);
		INSERT INTO review_decisions(id, month, kind, what, owner, due, created_at) VALUES
			(1, '2026-01', 'fix', 'Fix the CSV export', 'Sam', '2026-03-01', 1769990400),
			(2, '2026-02', 'stop', 'Stop the webinar series', 'Maya', '2026-05-01', 1772400000);
		UPDATE reviews SET frozen_at = 1770000000, snapshot = '{}' WHERE month = '2026-01'`)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log, err := db.Decisions()
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 {
		t.Fatalf("log has %d decisions, want 2: %+v", len(log), log)
	}
	byID := map[int64]backend.Decision{}
	for _, d := range log {
		byID[d.ID] = d
	}
	fix := byID[1]
	if fix.Origin != "review" || fix.OriginRef != "2026-01" || fix.Made != "2026-02-02" || fix.ReviewOn != "2026-03-01" ||
		fix.Status != "made" || fix.Owner != "Sam" || fix.Kind != "fix" {
		t.Errorf("the frozen review's decision in the log: %+v", fix)
	}
	if byID[2].What != "Stop the webinar series" || byID[2].OriginRef != "2026-02" {
		t.Errorf("the open review's decision in the log: %+v", byID[2])
	}
	// The frozen review keeps its own row; the open one's moved.
	var frozen, open int
	db.sql.QueryRow("SELECT COUNT(*) FROM review_decisions WHERE month = '2026-01'").Scan(&frozen)
	db.sql.QueryRow("SELECT COUNT(*) FROM review_decisions WHERE month = '2026-02'").Scan(&open)
	if frozen != 1 || open != 0 {
		t.Errorf("review_decisions: frozen month %d rows (want 1), open month %d (want 0)", frozen, open)
	}
	if rs, _ := db.DecisionsFrom("review", "2026-02"); len(rs) != 1 || rs[0].ID != 2 {
		t.Errorf("DecisionsFrom(review, 2026-02) = %+v", rs)
	}
}

// Migration 0012 enters release calls recorded before the log existed,
// once, as backend.CallDecision would (days in UTC).
func TestCallsBeforeTheLogMoveIntoIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.keel")
	db, err := Create(path, "C")
	if err != nil {
		t.Fatal(err)
	}
	shipped := time.Date(2026, 2, 3, 15, 0, 0, 0, time.UTC)
	r, err := db.SaveRelease(backend.Release{ID: "rel_sso", Title: "SSO", Owner: "Maya", Status: "watching", ShippedAt: &shipped, Window: "7d"})
	if err == nil {
		_, err = db.AddCall(r, backend.Call{Call: "hold", At: time.Date(2026, 2, 6, 10, 0, 0, 0, time.UTC), By: "Jonas", Note: "Okta errors"})
	}
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.Decisions()
	if err != nil || len(want) != 1 {
		t.Fatalf("the call's decision: %+v %v", want, err)
	}
	// Opened as a workspace of version 11 would be: without the decision,
	// then (the migration runs again harmlessly) with it.
	got := migrateAgain(t, db, path, "DELETE FROM decisions; ", 11)
	g, w := got[0], want[0]
	if g.Kind != "change" || g.What != "Hold: SSO" || g.Why != "Okta errors" || g.Owner != "Jonas" || g.Made != "2026-02-06" ||
		g.ReviewOn != "2026-03-08" || g.Status != w.Status || g.ShippedOn != w.ShippedOn || g.ShippedBy != w.ShippedBy ||
		g.ReleaseID != "rel_sso" || g.Origin != w.Origin || g.OriginRef != w.OriginRef {
		t.Errorf("migrated %+v\nwant %+v", g, w)
	}
}

// Product notes written before the log took them move into it, as
// backend.NoteDecision makes them.
func TestNotesBeforeTheLogMoveIntoIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.keel")
	db, err := Create(path, "N")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO feedback_decisions(id, cluster, decision, why, owner, date, created)
		VALUES (4, 'c-ab', 'Build SAML', '3 accounts', 'Ann', '2026-01-01', 1767225600)`); err != nil {
		t.Fatal(err)
	}
	got := migrateAgain(t, db, path, "", 12)
	w := backend.NoteDecision("c-ab", 4, "", "Build SAML", "3 accounts", "Ann", "2026-01-01")
	if g := got[0]; g.Kind != w.Kind || g.What != w.What || g.Why != w.Why || g.Owner != w.Owner || g.Made != w.Made ||
		g.ReviewOn != w.ReviewOn || g.Status != w.Status || g.Origin != w.Origin || g.OriginRef != w.OriginRef {
		t.Errorf("migrated %+v\nwant %+v", g, w)
	}
}

// migrateAgain runs first, rewinds db (at path) to version and opens it
// twice (the migrations run again harmlessly), then closes it and returns
// the log, which must hold one decision.
func migrateAgain(t *testing.T, db *DB, path, first string, version int) []backend.Decision {
	t.Helper()
	// Columns later migrations add go, as a workspace of that version has
	// none of them (ADD COLUMN cannot run twice).
	const later = "ALTER TABLE releases DROP COLUMN known_issues; " // 0014
	back := later + fmt.Sprintf("PRAGMA user_version = %d", version)
	for _, q := range []string{first + back, back} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
		db.Close()
		var err error
		if db, err = Open(path); err != nil {
			t.Fatal(err)
		}
	}
	defer db.Close()
	got, err := db.Decisions()
	if err != nil || len(got) != 1 {
		t.Fatalf("after the migration: %+v %v", got, err)
	}
	return got
}
