package figures_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"keel/backend/pipeline"
	"keel/backend/product"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// TestSimulatedHelpdeskAndAnalytics imports the simulated exports through
// the pipeline and checks every Support and Product field of every month
// against the simulation's own answers.
func TestSimulatedHelpdeskAndAnalytics(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { simulate(t, seed) })
	}
}

func simulate(t *testing.T, seed uint64) {
	w := newSimUsers(seed)
	db, err := workspace.Create(filepath.Join(t.TempDir(), "sim.keel"), "Sim")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return w.now }
	for k, v := range map[string]string{
		workspace.SettingTimeZone:         "America/New_York",
		workspace.SettingActivationEvents: activationEvent,
	} {
		if err := db.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range w.write(t) {
		rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: f}, nil)
		if rep.Err != nil || rep.Rejected > 0 {
			t.Fatalf("%s: %v, rejects %v", filepath.Base(f), rep.Err, rep.Rejects)
		}
	}
	got, err := load(t, db, "2025-01", "2025-12")
	if err != nil {
		t.Fatal(err)
	}
	m0 := 2025*12 + 0
	want := w.expected(m0, m0+11, 14)
	var activated, signups int64
	for i, m := range got.Months {
		e := want[i]
		s, p := m.Support, m.Product
		check := func(field string, g, x any) {
			t.Helper()
			if show(g) != show(x) {
				t.Errorf("%s %s = %s, want %s", m.Month, field, show(g), show(x))
			}
		}
		check("tickets", s.Tickets, &e.tickets)
		check("solved", s.Solved, &e.solved)
		check("first_reply_minutes_p50", s.FirstReplyMinutesP50, e.replyP50)
		check("first_reply_minutes_p90", s.FirstReplyMinutesP90, e.replyP90)
		check("resolution_minutes_p50", s.ResolutionMinutesP50, e.resolutionP50)
		check("resolution_minutes_p90", s.ResolutionMinutesP90, e.resolutionP90)
		check("satisfaction", s.Satisfaction, e.satisfaction)
		check("active_accounts", s.ActiveAccounts, &e.active)
		check("tickets_per_active_account", s.TicketsPerActiveAccount, ratio(e.tickets, e.active))
		check("signups", p.Signups, &e.signups)
		check("activation_rate", p.ActivationRate, ratio(e.activated, e.signups))
		activated += e.activated
		signups += e.signups
	}
	if signups != int64(len(w.companies)) || activated == 0 || activated == signups {
		t.Errorf("the simulation should spread %d signups over the year with some activated, got %d signups, %d activated", len(w.companies), signups, activated)
	}

	// Retention: the monthly cohorts' shares.
	ret, err := product.Cohorts(context.Background(), db, product.CohortOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range ret.Cohorts {
		i := c.Start.Year()*12 + int(c.Start.Month()) - 1 - m0
		if i < 0 || i >= len(want) {
			continue
		}
		seen++
		e := want[i]
		if c.Size != e.signups {
			t.Errorf("cohort %s size %d, want %d", c.Label, c.Size, e.signups)
		}
		for k, n := range c.Retained {
			if n != e.retained[k] {
				t.Errorf("cohort %s month +%d: %d retained, want %d", c.Label, k, n, e.retained[k])
			}
			if c.Share[k] != float64(e.retained[k])/float64(e.signups) {
				t.Errorf("cohort %s month +%d: share %v", c.Label, k, c.Share[k])
			}
		}
	}
	if seen == 0 {
		t.Error("no cohort in 2025")
	}

	// Settings change the answer: a 13-day window excludes the edge cases.
	if err := db.SetSetting(workspace.SettingActivationDays, "13"); err != nil {
		t.Fatal(err)
	}
	got13, err := load(t, db, "2025-01", "2025-12")
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range w.expected(m0, m0+11, 13) {
		if g, x := show(got13.Months[i].Product.ActivationRate), show(ratio(e.activated, e.signups)); g != x {
			t.Errorf("13 days: %s activation_rate = %s, want %s", got13.Months[i].Month, g, x)
		}
	}
	if got13.Rules.ActivationDays != 13 || len(got13.Rules.ActivationEvents) != 1 {
		t.Errorf("rules = %+v", got13.Rules)
	}
}

func ratio(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

// show prints a field for comparison: null, an integer, or a ratio to
// twelve digits.
func show(v any) string {
	switch x := v.(type) {
	case *int64:
		if x == nil {
			return "null"
		}
		return fmt.Sprint(*x)
	case *float64:
		if x == nil {
			return "null"
		}
		return fmt.Sprintf("%.12f", math.Round(*x*1e12)/1e12)
	}
	return fmt.Sprint(v)
}
