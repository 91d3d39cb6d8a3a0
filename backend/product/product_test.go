package product_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/product"
	"keel/backend/workspace"
)

var ctx = context.Background()

func newDB(t testing.TB) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

var seq int

func ev(user, name string, at time.Time) *backend.Event {
	seq++
	return &backend.Event{Source: "posthog", ID: fmt.Sprint("e", seq), Name: name, DistinctID: user + "@co" + user + ".io", Time: at}
}

func put(t testing.TB, db *workspace.DB, recs ...backend.Record) {
	t.Helper()
	b, err := db.BeginImport(ctx, workspace.ImportMeta{File: "t", Source: "test", Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := b.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{}); err != nil {
		t.Fatal(err)
	}
}

func month(s string) time.Time {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		panic(err)
	}
	return t
}

// The activation window is [signup, signup + activation_days × 24 h], both
// edges included; every activation event must fall in it.
func TestActivationWindowEdges(t *testing.T) {
	db := newDB(t)
	signup := time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)
	window := 14 * 24 * time.Hour
	put(t, db,
		// a: activates exactly on the last second of the window.
		ev("a", "signed_up", signup), ev("a", "connect", signup.Add(window)),
		// b: one second late.
		ev("b", "signed_up", signup), ev("b", "connect", signup.Add(window+time.Second)),
		// c: at once.
		ev("c", "signed_up", signup), ev("c", "connect", signup),
		// d: never.
		ev("d", "signed_up", signup),
		// e: connects in time but invites late: not activated when both are needed.
		ev("e", "signed_up", signup), ev("e", "connect", signup.Add(time.Hour)), ev("e", "invite", signup.Add(window+time.Hour)),
		// f: signs up in April, activates in May within the window.
		ev("f", "signed_up", time.Date(2025, 4, 25, 0, 0, 0, 0, time.UTC)), ev("f", "connect", time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC)),
		// a, c and f also invite in time.
		ev("a", "invite", signup.Add(time.Minute)), ev("c", "invite", signup.Add(window)), ev("f", "invite", time.Date(2025, 5, 8, 0, 0, 0, 0, time.UTC)),
	)
	rate := func(events string, days string) (march, april *float64, signups int64) {
		t.Helper()
		if err := db.SetSetting(workspace.SettingActivationEvents, events); err != nil {
			t.Fatal(err)
		}
		if err := db.SetSetting(workspace.SettingActivationDays, days); err != nil {
			t.Fatal(err)
		}
		o, err := product.Months(ctx, db, month("2025-03"), month("2025-04"))
		if err != nil {
			t.Fatal(err)
		}
		return o.Months[0].ActivationRate, o.Months[1].ActivationRate, o.Months[0].Signups
	}
	f := func(p *float64) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprintf("%.4f", *p)
	}
	cases := []struct {
		events, days string
		march, april string
	}{
		{"", "14", "null", "null"},                    // not picked: undefined
		{"connect", "14", "0.6000", "1.0000"},         // a, c, e of a–e
		{"connect, invite", "14", "0.4000", "1.0000"}, // a and c
		{"connect", "13", "0.4000", "1.0000"},         // a drops out
		{"never_sent", "14", "0.0000", "0.0000"},      // picked but never seen: nobody
	}
	for _, c := range cases {
		m, a, n := rate(c.events, c.days)
		if n != 5 || f(m) != c.march || f(a) != c.april {
			t.Errorf("events %q days %s: signups %d, march %s, april %s; want 5, %s, %s", c.events, c.days, n, f(m), f(a), c.march, c.april)
		}
	}
}

func TestSettingsValidation(t *testing.T) {
	db := newDB(t)
	for _, bad := range []string{"0", "366", "two weeks", "-1", "1.5"} {
		if err := db.SetSetting(workspace.SettingActivationDays, bad); backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("activation_days %q: err = %v", bad, err)
		}
	}
	if err := db.SetSetting(workspace.SettingActivationEvents, " a , b,, a ,c "); err != nil {
		t.Fatal(err)
	}
	s, err := product.ReadSettings(db)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.ActivationEvents, []string{"a", "b", "c"}) || s.ActivationDays != 14 || s.CoreEvents != nil {
		t.Errorf("settings = %+v", s)
	}
}

// units builds accounts.Units by hand: each unit signs up at its first day
// and is active on the given days (days since signup).
func units(loc *time.Location, start time.Time, specs ...[]int) *accounts.Units {
	u := &accounts.Units{Mode: accounts.ModeAccounts, Loc: loc, Names: []string{"x"}}
	for i, sp := range specs {
		signup := start.AddDate(0, 0, sp[0])
		un := accounts.Unit{ID: fmt.Sprint("acc", i), FirstSeen: signup.Unix()}
		for _, d := range sp[1:] {
			day := accounts.LocalDay(signup.AddDate(0, 0, d).Unix(), loc)
			un.Days = append(un.Days, accounts.Day{Day: day, Events: 1, Core: int32(d % 2)})
		}
		u.List = append(u.List, un)
	}
	return u
}

func TestCohortShares(t *testing.T) {
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	u := units(time.UTC, start,
		[]int{0, 0, 31, 62},     // Jan cohort: Jan, Feb, Mar
		[]int{10, 0, 40},        // Jan cohort: Jan (day 10), Feb (day 50)
		[]int{20, 45},           // Jan cohort: Mar only (day 65 is March 7th)
		[]int{35, 0, 1, 2},      // Feb cohort: Feb
		[]int{40},               // Feb cohort: no events at all
		[]int{70, 0, 31, 31, 1}, // Mar cohort: Mar, Apr; twice in a month counts once, in any order
	)
	now := time.Date(2025, 4, 15, 0, 0, 0, 0, time.UTC)
	r, err := product.CohortsOf(u, product.Settings{}, product.CohortOptions{}, now)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Label    string
		Size     int64
		Retained []int64
	}
	var got []row
	for _, c := range r.Cohorts {
		got = append(got, row{c.Label, c.Size, c.Retained})
	}
	want := []row{
		{"2025-01", 3, []int64{2, 2, 2, 0}},
		{"2025-02", 2, []int64{1, 0, 0}},
		{"2025-03", 1, []int64{1, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cohorts = %+v\nwant      %+v", got, want)
	}
	if s := r.Cohorts[0].Share; s[0] != 2.0/3 || s[3] != 0 {
		t.Errorf("shares = %v", s)
	}
	// Core only: the units' odd days are core.
	if _, err := product.CohortsOf(u, product.Settings{}, product.CohortOptions{CoreOnly: true}, now); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("core only without core events: %v", err)
	}
	r, err = product.CohortsOf(u, product.Settings{CoreEvents: []string{"x"}}, product.CohortOptions{CoreOnly: true}, now)
	if err != nil {
		t.Fatal(err)
	}
	// Odd days since signup are core: unit 0 on day 31 (February), unit 2
	// on day 45 (March).
	if got := r.Cohorts[0].Retained; !reflect.DeepEqual(got, []int64{0, 1, 1, 0}) {
		t.Errorf("core-only January = %v", got)
	}
}

func TestWeeklyCohortsStartOnMonday(t *testing.T) {
	// Wednesday 2025-01-01 and Sunday 2025-01-05 are the week of Monday
	// 2024-12-30; Monday 2025-01-06 starts the next.
	u := units(time.UTC, time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC),
		[]int{0, 0, 4, 5, 12},
		[]int{4, 0, 1},
		[]int{5, 0, 7},
	)
	r, err := product.CohortsOf(u, product.Settings{}, product.CohortOptions{Weekly: true}, time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Cohorts) != 2 || r.Cohorts[0].Label != "2024-12-30" || r.Cohorts[1].Label != "2025-01-06" {
		t.Fatalf("cohorts = %+v", r.Cohorts)
	}
	// First week: unit 0 (days 0, 4 in week 0; 5 in week 1; 12 in week 2), unit 1 (day 4 and 5: weeks 0, 1).
	if got := r.Cohorts[0].Retained; !reflect.DeepEqual(got, []int64{2, 2, 1, 0}) {
		t.Errorf("week of 2024-12-30 = %v", got)
	}
	if got := r.Cohorts[1].Retained; !reflect.DeepEqual(got, []int64{1, 1, 0}) {
		t.Errorf("week of 2025-01-06 = %v", got)
	}
}

func TestMonthsInWorkspaceTimeZone(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	// 2025-02-01 03:00 UTC is still January 31st in New York.
	u := &accounts.Units{Mode: accounts.ModeAccounts, Loc: ny, List: []accounts.Unit{
		{ID: "a", FirstSeen: time.Date(2025, 2, 1, 3, 0, 0, 0, time.UTC).Unix()},
		{ID: "b", FirstSeen: time.Date(2025, 2, 1, 6, 0, 0, 0, time.UTC).Unix()},
	}}
	ms := product.MonthsOf(u, product.Settings{ActivationDays: 14}, time.Date(2025, 1, 1, 0, 0, 0, 0, ny), time.Date(2025, 2, 1, 0, 0, 0, 0, ny), time.Date(2025, 6, 1, 0, 0, 0, 0, ny))
	if ms[0].Signups != 1 || ms[1].Signups != 1 || ms[0].ActivationRate != nil || !ms[0].Settled {
		t.Errorf("months = %+v", ms)
	}
}

func TestUsageFlagsHeavyAccounts(t *testing.T) {
	loc := time.UTC
	mk := func(id string, events int32) accounts.Unit {
		return accounts.Unit{ID: id, FirstSeen: 1, Days: []accounts.Day{{Day: accounts.LocalDay(time.Date(2025, 3, 3, 0, 0, 0, 0, loc).Unix(), loc), Events: events}}}
	}
	u := &accounts.Units{Mode: accounts.ModeAccounts, Loc: loc, List: []accounts.Unit{
		mk("a", 1), mk("b", 2), mk("c", 3), mk("d", 300), mk("e", 301), mk("f", 5000), mk("idle", 0),
		{ID: "other month", Days: []accounts.Day{{Day: accounts.LocalDay(time.Date(2025, 5, 1, 0, 0, 0, 0, loc).Unix(), loc), Events: 9}}},
	}}
	r := product.UsageOf(u, time.Date(2025, 3, 1, 0, 0, 0, 0, loc), time.Date(2025, 3, 1, 0, 0, 0, 0, loc))
	// Six accounts used it in March: median (rank 3) = 3, so above 300 is heavy.
	if len(r.Accounts) != 6 || *r.Median != 3 || *r.P90 != 5000 || *r.Threshold != 300 || r.Heavy != 2 || r.Max != 5000 {
		t.Fatalf("usage = %+v", r)
	}
	var heavy []string
	for _, a := range r.Accounts {
		if a.Heavy {
			heavy = append(heavy, a.ID)
		}
	}
	if !reflect.DeepEqual(heavy, []string{"f", "e"}) {
		t.Errorf("heavy = %v (300 is exactly 100× the median: not above)", heavy)
	}
	var total int64
	for _, b := range r.Buckets {
		total += b.Accounts
	}
	if total != 6 || r.Buckets[0] != (product.Bucket{Min: 1, Max: 1, Accounts: 1}) {
		t.Errorf("buckets = %+v", r.Buckets)
	}
}

func TestEventNamesList(t *testing.T) {
	db := newDB(t)
	t0 := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	put(t, db, ev("a", "signed_up", t0), ev("a", "query", t0.Add(time.Hour)), ev("b", "query", t0.Add(2*time.Hour)),
		&backend.Event{Source: "posthog", ID: "anon", Name: "$pageview", DistinctID: "0192-anon", Time: t0.Add(-time.Hour)})
	if err := db.SetSetting(workspace.SettingActivationEvents, "query"); err != nil {
		t.Fatal(err)
	}
	got, err := product.Events(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	want := []product.EventName{
		{Name: "query", Events: 2, Users: 2, Accounts: 2, First: t0.Add(time.Hour), Last: t0.Add(2 * time.Hour), Activation: true},
		{Name: "$pageview", Events: 1, Users: 1, Accounts: 0, First: t0.Add(-time.Hour), Last: t0.Add(-time.Hour)},
		{Name: "signed_up", Events: 1, Users: 1, Accounts: 1, First: t0, Last: t0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events =\n%+v\nwant\n%+v", got, want)
	}
}

// Analytics that never carry an address (distinct ids are the product's
// own user ids) still give signups and activation: per analytics user.
func TestAnalyticsUsersWithoutAddresses(t *testing.T) {
	db := newDB(t)
	at := func(d int) time.Time { return time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	e := func(user, name string, d int) *backend.Event {
		seq++
		return &backend.Event{Source: "posthog", ID: fmt.Sprint("u", seq), Name: name, DistinctID: user, Time: at(d)}
	}
	put(t, db, e("user_1", "signed_up", 0), e("user_1", "connect", 3), e("user_2", "signed_up", 2), e("user_3", "signed_up", 40))
	if err := db.SetSetting(workspace.SettingActivationEvents, "connect"); err != nil {
		t.Fatal(err)
	}
	o, err := product.Months(ctx, db, month("2025-05"), month("2025-06"))
	if err != nil {
		t.Fatal(err)
	}
	if o.Mode != accounts.ModeUsers || o.Months[0].Signups != 2 || *o.Months[0].ActivationRate != 0.5 || o.Months[1].Signups != 1 {
		t.Errorf("overview = %+v", o)
	}
}
