package feedback_test

import (
	"fmt"
	"testing"
	"time"

	"keel/backend/feedback"
	"keel/backend/releases"
)

// operations.bugs_per_release (METRICS.md, Operations): bug items linked to
// a release shipped in the month (through a cluster it answers or that
// names it) or created inside its watch window, each item once, over the
// releases shipped in the month; null without a shipped release.
func TestBugsPerRelease(t *testing.T) {
	db, s := billed(t)
	at := func(v string) *time.Time {
		x, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Fatal(err)
		}
		return &x
	}
	get := func() string {
		t.Helper()
		bs, err := feedback.BugsPerRelease(ctx, db, month("2025-07"), month("2025-12"), releases.Windows)
		if err != nil {
			t.Fatal(err)
		}
		out := ""
		for _, b := range bs {
			if b == nil {
				out += " —"
			} else {
				out += fmt.Sprintf(" %g", *b)
			}
		}
		return out
	}
	// No release yet: nothing to divide by.
	if got := get(); got != " — — — — — —" {
		t.Errorf("without releases: %s", got)
	}
	sso, err := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2"})
	if err != nil {
		t.Fatal(err)
	}
	slow, err := s.Create(ctx, "Slow dashboards", []string{"feedback:csv:8", "feedback:csv:3"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, slow.Cluster, "shipped", "Faster dashboards", ""); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		title, shipped, window string
		clusters               []string
	}{
		{"SSO", "2025-07-01T09:00:00Z", "24h", []string{sso.Cluster}}, // answers the SSO cluster
		{"Faster dashboards", "2025-08-15T09:00:00Z", "24h", nil},     // named by the slow-dashboards cluster
		{"Dark mode", "2025-11-20T00:00:00Z", "72h", nil},             // items 5–7 inside its window
		{"Hotfix", "2025-11-21T12:00:00Z", "24h", nil},                // item 7 again: counted once
	} {
		rel := releases.New(r.title, *at("2025-06-01T00:00:00Z"))
		rel.ShippedAt, rel.Window, rel.Status = at(r.shipped), r.window, releases.Watching
		if r.clusters != nil {
			rel.Clusters = r.clusters
		}
		if _, err := db.SaveRelease(rel); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing typed bug yet: 0 per release in the months with one.
	if got := get(); got != " 0 0 — — 0 —" {
		t.Errorf("before triage: %s", got)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:1", "feedback:csv:2", "feedback:csv:3", "feedback:csv:5", "feedback:csv:7", "feedback:csv:8"},
		feedback.Bug); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetType(ctx, []string{"feedback:csv:6"}, feedback.Request); err != nil {
		t.Fatal(err)
	}
	// Jul: items 1 and 2 / 1 release; Aug: item 8 / 1 (item 3, in the same
	// cluster, came in before the release went out); Nov: items 5 and 7 /
	// 2 releases (6 is a request).
	if got, want := get(), " 2 1 — — 1 —"; got != want {
		t.Errorf("bugs per release %s, want %s", got, want)
	}
}
