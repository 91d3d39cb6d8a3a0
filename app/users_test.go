package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/product"
)

// onDemo is the app on the demo workspace built with the test clock (14
// March 2026: the last complete month is February 2026); the workspace's
// own clock is the app's, so that "now" is the same everywhere.
func onDemo(t *testing.T) (*State, *recorder) {
	t.Helper()
	s, rec := newApp(t)
	s.Start(context.Background())
	db, err := s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	db.Now = s.now
	return s, rec
}

// onEmpty is the app on a new, empty workspace.
func onEmpty(t *testing.T) *State {
	t.Helper()
	s, _ := newApp(t)
	close(s.ready)
	if _, err := NewWorkspace(s).Create(filepath.Join(t.TempDir(), "empty"), "Empty"); err != nil {
		t.Fatal(err)
	}
	db, _ := s.workspace()
	db.Now = s.now
	return s
}

func productMetrics(t *testing.T, s *State, from, to string) []product.Figures {
	t.Helper()
	rep := loadSet(t, s, from, to)
	out := make([]product.Figures, len(rep.Months))
	for i, m := range rep.Months {
		out[i] = m.Product
	}
	return out
}

func tileOf(t *testing.T, tiles []Tile, key string) Tile {
	t.Helper()
	for _, x := range tiles {
		if x.Key == key {
			return x
		}
	}
	t.Fatalf("no tile %q in %d tiles", key, len(tiles))
	return Tile{}
}

func TestUsersScreenOnTheDemo(t *testing.T) {
	s, rec := onDemo(t)
	us := NewUsers(s)
	ov, err := us.Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Month.String() != "2026-02" || ov.Default.String() != "2026-02" || !ov.HasEvents || ov.Missing != nil || ov.Mode != "accounts" ||
		ov.First.String() > "2025-01" || len(ov.Chart) == 0 {
		t.Fatalf("overview = %+v", ov.Period)
	}
	if len(ov.Months) != 12 || ov.Months[0].Month.String() != "2026-02" || ov.Months[11].Month.String() != "2025-03" {
		t.Fatalf("months table: %d rows, %+v", len(ov.Months), ov.Months[0])
	}
	want := productMetrics(t, s, "2025-03", "2026-02")
	signups := tileOf(t, ov.Tiles, "signups")
	for i, v := range signups.Values {
		if !same(v, i2f(want[i].Signups)) {
			t.Errorf("signups %s: tile %s, metrics %v", signups.Months[i], show(v), *want[i].Signups)
		}
	}
	if ov.Months[0].Signups != *want[11].Signups || signups.Delta == nil || len(signups.Spark) == 0 {
		t.Errorf("signups tile = %+v", signups)
	}
	rate := tileOf(t, ov.Tiles, "activation_rate")
	if rate.Value != nil || !strings.Contains(rate.Missing, "Pick the activation event") || want[11].ActivationRate != nil {
		t.Errorf("activation before picking: %s, %q", show(rate.Value), rate.Missing)
	}
	// The third tile is active accounts, as Home and `keel metrics` count
	// them; the accounts using the product are its note and a column.
	act := tileOf(t, ov.Tiles, "active_accounts")
	wantActive := loadSet(t, s, "2026-02", "2026-02").Months[0].Support.ActiveAccounts
	if act.Value == nil || wantActive == nil || *act.Value != float64(*wantActive) || act.Note == nil ||
		*act.Note.Value != float64(ov.Months[0].Using) || act.Note.Label != "using the product" || ov.Months[0].Using == 0 {
		t.Errorf("active accounts tile = %s, note %+v", show(act.Value), act.Note)
	}

	t.Run("activation setup round-trips and the rate appears", func(t *testing.T) {
		ev, err := us.Events()
		if err != nil || len(ev) < 5 {
			t.Fatalf("events = %v, %v", ev, err)
		}
		seen := map[string]bool{}
		for _, e := range ev {
			seen[e.Name] = true
		}
		if !seen["report_created"] || !seen["signed_up"] {
			t.Fatalf("demo events: %v", seen)
		}
		before := rec.count("workspace:changed")
		set, err := us.SetActivation([]string{"report_created", " "}, 7)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(set.Events, ",") != "report_created" || set.Days != 7 || !strings.Contains(set.Rule, "within 7 days") {
			t.Errorf("setup = %+v", set)
		}
		if rec.count("workspace:changed") != before+1 {
			t.Error("the page is not told the numbers changed")
		}
		db, _ := s.workspace()
		ps, _ := product.ReadSettings(db)
		if strings.Join(ps.ActivationEvents, ",") != "report_created" || ps.ActivationDays != 7 {
			t.Errorf("stored settings = %+v", ps)
		}
		ov, err := us.Overview("")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(ov.Setup.Events, ",") != "report_created" || ov.Setup.Days != 7 {
			t.Errorf("overview setup = %+v", ov.Setup)
		}
		want := productMetrics(t, s, "2025-03", "2026-02")
		rate := tileOf(t, ov.Tiles, "activation_rate")
		for i, v := range rate.Values {
			if !same(v, want[i].ActivationRate) {
				t.Errorf("activation %s: tile %s, metrics %s", rate.Months[i], show(v), show(want[i].ActivationRate))
			}
		}
		if rate.Value == nil || *rate.Value <= 0 || *rate.Value > 1 || rate.Note == nil || rate.Note.Label != "activated" ||
			*rate.Note.Value != float64(ov.Months[0].Activated) {
			t.Errorf("activation tile = %s, note %+v", show(rate.Value), rate.Note)
		}
		var opt map[string]any
		json.Unmarshal(ov.Chart, &opt)
		if series, _ := opt["series"].([]any); len(series) != 3 {
			t.Errorf("the chart should split signups and draw the rate: %d series", len(series))
		}
		// Clearing the events makes the rate undefined again.
		if _, err := us.SetActivation(nil, 14); err != nil {
			t.Fatal(err)
		}
		if ov, _ := us.Overview(""); tileOf(t, ov.Tiles, "activation_rate").Value != nil || len(ov.Setup.Events) != 0 {
			t.Error("clearing the activation events left a rate")
		}
	})

	t.Run("bad activation setups are refused", func(t *testing.T) {
		for _, c := range []struct {
			events []string
			days   int
			want   string
		}{
			{[]string{"reprot_created"}, 14, "No event called"},
			{[]string{"a,b"}, 14, "comma"},
			{[]string{"report_created"}, 0, "1 to 365"},
			{[]string{"report_created"}, 400, "1 to 365"},
		} {
			_, err := us.SetActivation(c.events, c.days)
			if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(backend.ErrorMessage(err), c.want) {
				t.Errorf("SetActivation(%v, %d) = %v", c.events, c.days, err)
			}
		}
	})

	t.Run("retention cohorts", func(t *testing.T) {
		v, err := us.Cohorts("", false, false)
		if err != nil {
			t.Fatal(err)
		}
		if v.Period != "month" || len(v.Rows) == 0 || len(v.Rows) > 12 || v.Rows[len(v.Rows)-1].Label != "2026-02" || v.Missing != nil {
			t.Fatalf("cohorts = %+v", v)
		}
		db, _ := s.workspace()
		r, err := product.Cohorts(context.Background(), db, product.CohortOptions{From: mo("2025-03").Start(db.Location()),
			To: mo("2026-03").Start(db.Location()).Add(-1)})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Cohorts) != len(v.Rows) {
			t.Fatalf("%d cohorts, backend %d", len(v.Rows), len(r.Cohorts))
		}
		for i, c := range r.Cohorts {
			got := v.Rows[i]
			if got.Label != c.Label || got.Size != c.Size || len(got.Share) != len(c.Share) || got.Share[0] != c.Share[0] {
				t.Errorf("cohort %s: %+v vs %+v", c.Label, got, c)
			}
		}
		// February's row ends in March, the month still running.
		if last := v.Rows[len(v.Rows)-1]; !last.Partial || len(last.Share) != 2 || v.Periods != len(v.Rows[0].Share) {
			t.Errorf("last row = %+v, periods %d", last, v.Periods)
		}
		w, err := us.Cohorts("2026-02", true, false)
		if err != nil || w.Period != "week" || len(w.Rows) == 0 || len(w.Rows) > 12 || len(w.Rows[0].Label) != 10 {
			t.Fatalf("weekly = %+v, %v", w, err)
		}
		core, err := us.Cohorts("", false, true)
		if err != nil || core.Problem == "" || len(core.Rows) != 0 {
			t.Fatalf("core only without core events: %+v, %v", core, err)
		}
		if _, err := us.SetCoreEvents([]string{"query_run", "report_created"}); err != nil {
			t.Fatal(err)
		}
		core, err = us.Cohorts("", false, true)
		if err != nil || core.Problem != "" || len(core.Rows) == 0 || strings.Join(core.Qualifying, ",") != "query_run,report_created" {
			t.Fatalf("core only = %+v, %v", core, err)
		}
		if core.Rows[0].Share[1] > v.Rows[0].Share[1] {
			t.Errorf("core events retain more than any event: %v > %v", core.Rows[0].Share[1], v.Rows[0].Share[1])
		}
	})

	t.Run("usage per account", func(t *testing.T) {
		u, err := us.Usage("2026-02")
		if err != nil {
			t.Fatal(err)
		}
		db, _ := s.workspace()
		feb := mo("2026-02").Start(db.Location())
		want, err := product.Usage(context.Background(), db, feb, feb)
		if err != nil {
			t.Fatal(err)
		}
		if u.Total != len(want.Accounts) || *u.Median != *want.Median || u.Heavy != want.Heavy || len(u.Chart) == 0 ||
			len(u.Accounts) > usageRows+u.Heavy || u.Accounts[0].Name == "" || u.Missing != nil {
			t.Errorf("usage = total %d median %v heavy %d (want %d %v %d)", u.Total, *u.Median, u.Heavy, len(want.Accounts), *want.Median, want.Heavy)
		}
	})

	t.Run("no traffic in the demo", func(t *testing.T) {
		tr, err := us.Traffic("")
		if err != nil || tr.HasData || tr.Missing == nil || tr.Missing.Source != "plausible" {
			t.Fatalf("traffic = %+v, %v", tr, err)
		}
	})

	if _, err := us.Overview("March"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("a bad month: %v", err)
	}
}

func TestUsersScreenWithoutData(t *testing.T) {
	s := onEmpty(t)
	us := NewUsers(s)
	ov, err := us.Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if ov.HasEvents || ov.Missing == nil || ov.Missing.Kind != "events" || ov.Chart != nil {
		t.Fatalf("empty overview = %+v", ov)
	}
	for _, tl := range ov.Tiles {
		if tl.Value != nil || !strings.Contains(tl.Missing, "PostHog") {
			t.Errorf("tile %s = %s, %q", tl.Key, show(tl.Value), tl.Missing)
		}
	}
	if c, err := us.Cohorts("", false, false); err != nil || c.Missing == nil || len(c.Rows) != 0 {
		t.Errorf("cohorts = %+v, %v", c, err)
	}
	if u, err := us.Usage(""); err != nil || u.Missing == nil || u.Total != 0 || u.Chart != nil {
		t.Errorf("usage = %+v, %v", u, err)
	}
	if _, err := us.SetActivation([]string{"signed_up"}, 14); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("an event never seen was accepted: %v", err)
	}
}

func TestTrafficFromPlausible(t *testing.T) {
	s := onEmpty(t)
	dir := t.TempDir()
	src, err := os.ReadFile("../../shared/fixtures/real/plausible/30d/visitors.csv")
	if err != nil {
		t.Skip("no Plausible sample:", err)
	}
	file := filepath.Join(dir, "visitors.csv")
	os.WriteFile(file, src, 0o600)
	reps, err := NewImports(s).Run([]Item{{Path: file}})
	if err != nil || reps[0].Error != nil || reps[0].Imported == 0 {
		t.Fatalf("import: %+v %v", reps, err)
	}
	tr, err := NewUsers(s).Traffic("2021-10")
	if err != nil {
		t.Fatal(err)
	}
	if !tr.HasData || tr.Missing != nil || tr.Main == nil || tr.Main.Step != "day" || len(tr.Chart) == 0 || len(tr.Months) == 0 ||
		tr.Months[0].Month != "2021-10" {
		t.Fatalf("traffic = %+v", tr)
	}
	if cut, _ := NewUsers(s).Traffic("2021-09"); cut.Months[0].Month != "2021-09" {
		t.Errorf("traffic up to September: %+v", cut.Months)
	}
}
