package releases_test

import (
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/debt"
	"keel/backend/releases"
)

// A release's known issues: a row left blank is dropped, every other needs
// a title and a day it became known, a fix is not before it, ids stay.
func TestKnownIssuesAreChecked(t *testing.T) {
	r := releases.New("Team plans", now)
	r.KnownIssues = []backend.KnownIssue{
		{ID: "ki-a", Title: " Members see billing ", Opened: "2025-07-01"},
		{},
		{Title: "Roles reset on downgrade", Workaround: "Set them again", Opened: "2025-07-02", Fixed: "2025-07-10"},
	}
	got, err := releases.Clean(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.KnownIssues) != 2 || got.KnownIssues[0].ID != "ki-a" || got.KnownIssues[0].Title != "Members see billing" || got.KnownIssues[1].ID == "" {
		t.Fatalf("cleaned: %+v", got.KnownIssues)
	}
	for name, k := range map[string]backend.KnownIssue{
		"no title":           {Workaround: "Reload", Opened: "2025-07-01"},
		"no day":             {Title: "Slow"},
		"not a day":          {Title: "Slow", Opened: "1 July"},
		"fixed before known": {Title: "Slow", Opened: "2025-07-05", Fixed: "2025-07-01"},
	} {
		r.KnownIssues = []backend.KnownIssue{k}
		if _, err := releases.Clean(r); backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), "Team plans") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Home's debt lists each known issue still open without a safe
// workaround, on its release, since the day it became known; a fixed one
// or one with a safe workaround is not debt. Saved and read back whole.
func TestKnownIssuesWithoutSafeWorkaroundAreDebt(t *testing.T) {
	db := newDB(t)
	r := releases.New("Team plans", now)
	r.ID = "rel_teams"
	r.KnownIssues = []backend.KnownIssue{
		{ID: "ki1", Title: "Members see billing", Workaround: "Support removes the role", Opened: "2025-07-01"},
		{ID: "ki2", Title: "Invites expire early", Opened: "2025-07-03"},
		{ID: "ki3", Title: "Roles reset", Workaround: "Set them again", Safe: true, Opened: "2025-07-02"},
		{ID: "ki4", Title: "Seats double-counted", Opened: "2025-07-02", Fixed: "2025-07-04"},
	}
	r, err := releases.Clean(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveRelease(r); err != nil {
		t.Fatal(err)
	}
	back, err := db.Release("rel_teams")
	if err != nil {
		t.Fatal(err)
	}
	if len(back.KnownIssues) != 4 || back.KnownIssues[2] != r.KnownIssues[2] {
		t.Fatalf("read back: %+v", back.KnownIssues)
	}
	entries, err := releases.Debt(db)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Kind == debt.KnownIssue {
			if e.Area != "releases" || e.Ref != "rel_teams" {
				t.Errorf("entry opens %s %s", e.Area, e.Ref)
			}
			got = append(got, e.Since+" "+e.Title+" | "+e.Detail)
		}
	}
	want := []string{
		"2025-07-01 Members see billing, since “Team plans” | The workaround (Support removes the role) is not safe for customers: fix it, or find a safe one.",
		"2025-07-03 Invites expire early, since “Team plans” | No workaround written yet: write one support can give, or fix it.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("debt:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
