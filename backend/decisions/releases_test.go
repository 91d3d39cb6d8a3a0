package decisions

import (
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Release calls are decisions (METRICS.md, Decisions): a go / hold /
// rollback call enters the log with the call, made and shipped on its day
// in the workspace's zone, linked to the release; removing the call
// removes it. A decision linked to a recorded release ships with it.
func TestReleaseCallsAreDecisions(t *testing.T) {
	now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
	_, db, fig, _ := newLog(t, now)
	if err := db.SetSetting(workspace.SettingTimeZone, "America/New_York"); err != nil {
		t.Fatal(err)
	}
	l := New(db, fig, nil) // the releases recorded in db
	shipped := time.Date(2026, 2, 3, 15, 0, 0, 0, time.UTC)
	r, err := db.SaveRelease(backend.Release{ID: "rel_dark", Title: "Dark mode", Owner: "Maya", Status: "watching", ShippedAt: &shipped, Window: "7d"})
	if err != nil {
		t.Fatal(err)
	}
	direct, err := l.Record(backend.Decision{Kind: "change", What: "Dark mode for everyone", Owner: "Maya", ReviewOn: "2026-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	if direct, err = l.Link(direct.ID, "rel_dark"); err != nil || direct.Status != "shipped" || direct.ShippedOn != "2026-02-03" {
		t.Fatalf("linked to a shipped release: %+v %v", direct, err)
	}
	// 02:00 UTC on 10 Feb is 9 Feb in New York.
	r, err = db.AddCall(r, backend.Call{Call: "rollback", At: time.Date(2026, 2, 10, 2, 0, 0, 0, time.UTC), Note: "Contrast complaints"})
	if err != nil {
		t.Fatal(err)
	}
	es, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	var call *Entry
	for i := range es {
		if es[i].Origin == backend.OriginRelease {
			call = &es[i]
		}
	}
	if len(es) != 2 || call == nil {
		t.Fatalf("the log: %+v", es)
	}
	if call.Kind != "stop" || call.What != "Roll back: Dark mode" || call.Why != "Contrast complaints" || call.Owner != "Maya" ||
		call.Made != "2026-02-09" || call.Status != "shipped" || call.ShippedOn != "2026-02-09" || call.ReviewOn != "2026-03-11" ||
		call.Release == nil || call.Release.ID != "rel_dark" || len(r.Calls) != 1 || call.OriginRef != "1" {
		t.Errorf("the call's decision: %+v (calls %+v)", call, r.Calls)
	}
	ms, err := l.Throughput([]string{"2026-02"})
	if err != nil || ms[0].Made != 2 || ms[0].Shipped != 2 {
		t.Errorf("February: %+v %v", ms, err)
	}
	if _, err := db.DeleteCall(r, r.Calls[0].ID); err != nil {
		t.Fatal(err)
	}
	if es, _ = l.List(); len(es) != 1 || es[0].ID != direct.ID {
		t.Errorf("after the call was removed: %+v", es)
	}
}

// A release call's decision is judged by the release's own review (the
// watch window frozen with the call): past its review date it is neither
// due, overdue, in the debt nor counted overdue, until the founder gives
// it a figure.
func TestReleaseCallsAreJudgedByTheirRelease(t *testing.T) {
	now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
	_, db, fig, _ := newLog(t, now)
	l := New(db, fig, nil)
	shipped := time.Date(2026, 1, 3, 15, 0, 0, 0, time.UTC)
	r, err := db.SaveRelease(backend.Release{ID: "rel_dark", Title: "Dark mode", Owner: "Maya", Status: "watching", ShippedAt: &shipped, Window: "7d"})
	if err == nil {
		_, err = db.AddCall(r, backend.Call{Call: "go", At: time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC), Note: "Quiet"})
	}
	if err != nil {
		t.Fatal(err)
	}
	direct, err := l.Record(backend.Decision{Kind: "fix", What: "Fix contrast", Owner: "Sam", Made: "2026-01-05", ReviewOn: "2026-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, wantCall bool) {
		t.Helper()
		es, err := l.List()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			want := e.ID == direct.ID || wantCall
			if e.Due != want || e.Overdue != want || e.ByRelease == want {
				t.Errorf("%s: %q due %v overdue %v by release %v, want due and overdue %v", when, e.What, e.Due, e.Overdue, e.ByRelease, want)
			}
		}
		debt, _ := l.Debt(now)
		due, _ := l.DueBy("2026-02-20")
		ms, _ := l.Throughput([]string{"2026-02"})
		n := 1
		if wantCall {
			n = 2
		}
		if len(debt) != n || len(due) != n || ms[0].Overdue != int64(n) {
			t.Errorf("%s: debt %d, due %d, overdue in February %d; want %d", when, len(debt), len(due), ms[0].Overdue, n)
		}
	}
	check("no figure", false)
	es, _ := l.List()
	for _, e := range es {
		if e.Origin == backend.OriginRelease {
			e.Figure, e.Expect = "support.tickets", "down"
			if _, err := db.SaveDecision(e.Decision); err != nil {
				t.Fatal(err)
			}
		}
	}
	check("with a figure", true)
}
