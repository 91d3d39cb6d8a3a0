package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/review"
)

// onDay is the app on a new, empty workspace on day (noon UTC).
func onDay(t *testing.T, day string) (*State, string) {
	t.Helper()
	s, _ := newApp(t)
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return d.Add(12 * time.Hour) }
	close(s.ready)
	path := filepath.Join(t.TempDir(), "Mine.keel")
	if _, err := NewWorkspace(s).Create(path, "Mine"); err != nil {
		t.Fatal(err)
	}
	return s, path
}

// On 7 December, with November frozen, December has not ended: Home's
// "Start review" opens November (read-only), December cannot be started
// by accident, and starting it early is a choice.
func TestNovemberFrozenOnSevenDecemberOffersNotDecember(t *testing.T) {
	s, _ := onDay(t, "2026-12-07")
	rv := NewReview(s)
	d, err := rv.Due()
	if err != nil {
		t.Fatal(err)
	}
	if d.Month.String() != "2026-11" || d.Open.String() != "2026-11" || !d.Ended || !d.IsDue {
		t.Fatalf("before the freeze: due %+v", d)
	}
	if _, err := rv.Start("2026-11"); err != nil {
		t.Fatal(err)
	}
	if _, err := rv.Freeze("2026-11"); err != nil {
		t.Fatal(err)
	}
	if d, err = rv.Due(); err != nil {
		t.Fatal(err)
	}
	if d.Open.String() == "2026-12" || d.Open.String() != "2026-11" || d.Ended || d.IsDue {
		t.Errorf("after freezing November on 7 December the review offered is %s (next %s, ended %v)", d.Open, d.Month, d.Ended)
	}
	if !strings.Contains(d.Text, "1 Jan 2027") {
		t.Errorf("next review text %q", d.Text)
	}
	m, err := rv.Map("")
	if err != nil {
		t.Fatal(err)
	}
	if m.Next.Open.String() != "2026-11" || m.LastComplete.String() != "2026-11" || m.Current.String() != "2026-12" {
		t.Errorf("Home: next %+v, period %+v", m.Next, m.Period)
	}
	_, err = rv.Start("2026-12")
	if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), "December 2026 has not ended") {
		t.Errorf("starting December on 7 December: %v", err)
	}
	if err := rv.SaveStep("2026-12", review.StepRevenue, "a note", false); err == nil {
		t.Error("a note started December's review without asking")
	}
	v, err := rv.StartEarly("2026-12")
	if err != nil || v.Status != review.InProgress {
		t.Fatalf("start December early: %v %v", v, err)
	}
	if _, err := rv.StartEarly("2027-01"); err == nil {
		t.Error("January 2027 started before it began")
	}
}

// One month for the whole window: picked on one screen, shown by every
// other, and kept when the workspace is opened again.
func TestOneMonthForEveryScreenKeptAcrossRestarts(t *testing.T) {
	s, path := onDay(t, "2026-12-07")
	ws := NewWorkspace(s)
	p, err := ws.Period()
	if err != nil {
		t.Fatal(err)
	}
	if p.Month.String() != "2026-11" || p.Last.String() != "2026-12" || p.Current.String() != "2026-12" {
		t.Fatalf("period = %+v", p)
	}
	if _, err := ws.SetMonth("2026-09"); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]func() (backend.Month, error){
		"revenue": func() (backend.Month, error) { o, err := NewRevenue(s).Overview(""); return o.Month, err },
		"support": func() (backend.Month, error) { o, err := NewSupport(s).Overview(""); return o.Month, err },
		"users":   func() (backend.Month, error) { o, err := NewUsers(s).Overview(""); return o.Month, err },
		"home":    func() (backend.Month, error) { o, err := NewReview(s).Map(""); return o.Month, err },
	} {
		if m, err := got(); err != nil || m.String() != "2026-09" {
			t.Errorf("%s shows %s (%v), want the month picked: 2026-09", name, m, err)
		}
	}
	if _, err := ws.SetMonth("2027-01"); err == nil {
		t.Error("a month that has not started was kept")
	}
	s.Close()
	if _, err := ws.Open(path); err != nil {
		t.Fatal(err)
	}
	if p, err = ws.Period(); err != nil || p.Month.String() != "2026-09" {
		t.Errorf("after reopening: %+v %v", p, err)
	}
}
