package review

import (
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/releases"
)

// withLog is a month of releases with its release log: one release that
// went out and was rolled back, and the flags at the month's end.
func withLog(t *testing.T, shipped []releases.Shipped, flags *releases.FlagCount) *figures.Set {
	t.Helper()
	s := figs(t, "usd", month{}, month{"operations.releases": 2, "operations.rollbacks": 1, "operations.hotfixes": 0})
	s.Has |= figures.Releases
	s.Last().ReleaseLog = &releases.Month{Shipped: shipped, RolledBack: shipped[:1], Flags: flags}
	return s
}

func TestReleasesReadingNamesRollbacksAndStaleFlags(t *testing.T) {
	s := withLog(t, []releases.Shipped{{Title: "Usage-based invoices", Observed: true}, {Title: "Team plans", Risky: true}},
		&releases.FlagCount{Total: 11, Stale: 4, Keys: []string{"a", "b", "c", "d"}})
	want := "2 releases shipped (“Usage-based invoices”, “Team plans”), 1 rolled back (“Usage-based invoices”), 0 hotfixes; 4 of 11 flags stale."
	if got := releasesReading(s); got != want {
		t.Errorf("reading %q\n  want %q", got, want)
	}
}

func TestReleasesReadingNamesThreeAtMost(t *testing.T) {
	s := withLog(t, []releases.Shipped{{Title: "A"}, {Title: "B"}, {Title: "C"}, {Title: "D"}, {Title: "E"}}, nil)
	want := "2 releases shipped (“A”, “B”, “C” and 2 more), 1 rolled back (“A”), 0 hotfixes."
	if got := releasesReading(s); got != want {
		t.Errorf("reading %q\n  want %q", got, want)
	}
}

func TestReleaseWarnings(t *testing.T) {
	s := withLog(t, []releases.Shipped{{Title: "Usage-based invoices"}, {Title: "Team plans", Risky: true}},
		&releases.FlagCount{Total: 11, Stale: 5, Keys: []string{"a", "b", "c", "d", "e"}})
	if w, u := riskyRelease(s, "usd"); w == nil || u != nil || !strings.HasPrefix(w.Detail, "“Team plans” changed billing, permissions and user data") {
		t.Errorf("risky: %+v %+v", w, u)
	}
	if w, u := staleFlags(s, "usd"); w == nil || u != nil || !strings.HasPrefix(w.Detail, "5 of 11 flags are stale (a, b, c, d and 1 more)") {
		t.Errorf("stale: %+v %+v", w, u)
	}
	calm := withLog(t, []releases.Shipped{{Title: "Dark mode"}}, &releases.FlagCount{Total: 3})
	if w, u := riskyRelease(calm, "usd"); w != nil || u != nil {
		t.Errorf("calm risky: %+v %+v", w, u)
	}
	if w, u := staleFlags(calm, "usd"); w != nil || u != nil {
		t.Errorf("calm stale: %+v %+v", w, u)
	}
	none := figs(t, "usd", month{}, month{})
	if _, u := riskyRelease(none, "usd"); u == nil || !strings.Contains(u.Needs, "record releases") {
		t.Errorf("no releases: %+v", u)
	}
	if _, u := staleFlags(none, "usd"); u == nil || !strings.Contains(u.Needs, "flag list") {
		t.Errorf("no flags: %+v", u)
	}
}

func TestReleasesObservedHint(t *testing.T) {
	feb, _ := backend.ParseMonth("2026-02")
	s := withLog(t, []releases.Shipped{{Title: "Usage-based invoices", Observed: true}, {Title: "Team plans"}}, nil)
	if got, want := releasesObserved(s, feb), "1 of February's 2 releases went out without observability ready or numbers to watch: “Team plans”."; got != want {
		t.Errorf("%q\n want %q", got, want)
	}
	if got := releasesObserved(figs(t, "usd", month{}), feb); !strings.Contains(got, "No release is recorded") {
		t.Errorf("no log: %q", got)
	}
}
