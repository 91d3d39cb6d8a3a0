package app

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/pipeline"
	xlsx "keel/backend/report"
	"keel/backend/workspace"
)

// calendarDays are "today"s that stress the calendar, each with the
// workspace time zone it runs in ("" keeps the demo's UTC).
var calendarDays = []struct{ today, zone string }{
	{"2026-01-01T12:00:00Z", ""},                      // 1 Jan, the 1st of a month
	{"2026-01-31T12:00:00Z", ""},                      // 31 Jan
	{"2026-02-28T12:00:00Z", ""},                      // the last day of a short February
	{"2026-03-01T12:00:00Z", ""},                      // 1 Mar after it
	{"2026-03-29T12:00:00+02:00", "Europe/Berlin"},    // Berlin moved to summer time last night
	{"2026-04-30T12:00:00Z", ""},                      // the last day of a 30-day month
	{"2026-11-03T09:00:00-05:00", "America/New_York"}, // the week New York left summer time
	{"2026-12-07T12:00:00Z", ""},                      // the day the e2e merge test failed
	{"2026-12-31T23:30:00-05:00", "America/New_York"}, // 31 Dec, already 1 Jan in UTC
	{"2027-01-01T00:30:00+01:00", "Europe/Berlin"},    // 1 Jan, still 31 Dec in UTC
	{"2028-02-29T12:00:00Z", ""},                      // 29 Feb
	{"2028-03-01T12:00:00Z", ""},                      // 1 Mar after it
}

// Keel on any day of the year: on each of calendarDays the demo is built as
// on a first run, and then the MRR identity holds in every month, Home's
// map and every step of the review load (the last complete month and the
// current one), and the Excel report writes and opens again.
func TestAnyDayOfTheYear(t *testing.T) {
	for _, day := range calendarDays {
		t.Run(day.today, func(t *testing.T) {
			t.Parallel() // each day has its own demo: about 2 s of CPU apiece
			now, err := time.Parse(time.RFC3339, day.today)
			if err != nil {
				t.Fatal(err)
			}
			s := &State{rt: &recorder{}, dataDir: t.TempDir(), now: func() time.Time { return now }, ready: make(chan struct{})}
			t.Cleanup(s.Close)
			s.Start(context.Background())
			db, err := s.workspace()
			if err != nil {
				t.Fatal(err)
			}
			if day.zone != "" {
				if _, err := NewWorkspace(s).SetSetting(workspace.SettingTimeZone, day.zone); err != nil {
					t.Fatal(err)
				}
			}
			current := backend.MonthOf(now, db.Location())
			checkMRRIdentity(t, db, current.Add(-24), current) // from the month before the demo's 24

			if _, err := NewReview(s).Map(""); err != nil {
				t.Errorf("Home's map: %v", err)
			}
			last := current.Add(-1)
			for _, month := range []string{last.String(), current.String()} {
				v, err := NewReview(s).Get(month)
				if err != nil {
					t.Errorf("review of %s: %v", month, err)
					continue
				}
				if len(v.Steps) != 8 {
					t.Errorf("review of %s: %d steps, want 8", month, len(v.Steps))
				}
				for _, st := range v.Steps {
					if st.Reading == "" {
						t.Errorf("review of %s, step %s: no reading", month, st.ID)
					}
				}
			}
			if _, err := NewReview(s).Due(); err != nil {
				t.Errorf("the review due: %v", err)
			}

			path, err := NewReview(s).ExportTo("", filepath.Join(t.TempDir(), ReportName(last)), false)
			if err != nil {
				t.Fatalf("report of %s: %v", last, err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatalf("the report of %s does not open again: %v", last, err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, xlsx.Sheets) {
				t.Errorf("report sheets %v, want %v", got, xlsx.Sheets)
			}
			if rows, err := f.GetRows(xlsx.SheetSummary); err != nil || len(rows) < 5 {
				t.Errorf("report summary: %d rows, %v", len(rows), err)
			}
		})
	}
}

// revenueMonth is the part of `keel metrics --json` the identity needs.
type revenueMonth struct {
	Month   string `json:"month"`
	Revenue struct {
		MRR, New, Reactivation, Expansion, Contraction, Churn, FX *int64
	} `json:"revenue"`
}

// checkMRRIdentity checks METRICS.md's identity, exact in minor units, in
// every month after first up to last: MRR(M) = MRR(M−1) + new +
// reactivation + expansion − contraction − churn + fx.
func checkMRRIdentity(t *testing.T, db *workspace.DB, first, last backend.Month) {
	t.Helper()
	set, err := figures.Load(db, first, last)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(set.Metrics())
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Months []revenueMonth }
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Months) != 25 {
		t.Fatalf("%d months from %s to %s, want 25", len(got.Months), first, last)
	}
	for i := 1; i < len(got.Months); i++ {
		prev, m := got.Months[i-1].Revenue, got.Months[i].Revenue
		vals := []*int64{m.MRR, m.New, m.Reactivation, m.Expansion, m.Contraction, m.Churn, m.FX}
		if slices.Contains(vals, nil) {
			t.Errorf("%s: revenue numbers missing: %+v", got.Months[i].Month, m)
			continue
		}
		before := int64(0) // the month before the demo's first may have no MRR yet
		if prev.MRR != nil {
			before = *prev.MRR
		}
		want := before + *m.New + *m.Reactivation + *m.Expansion - *m.Contraction - *m.Churn + *m.FX
		if *m.MRR != want {
			t.Errorf("%s: MRR %d, but MRR(M-1) %d + movements = %d", got.Months[i].Month, *m.MRR, before, want)
		}
	}
	if *got.Months[len(got.Months)-2].Revenue.MRR <= 0 {
		t.Errorf("the demo has no MRR in the last complete month")
	}
}

// The same "today" gives the same company: two demos made on one date, at
// one minute past midnight and one minute to midnight, have the same
// numbers in every month.
func TestDemoDependsOnTheDateOnly(t *testing.T) {
	morning := time.Date(2026, 12, 7, 0, 1, 0, 0, time.UTC)
	evening := time.Date(2026, 12, 7, 23, 59, 0, 0, time.UTC)
	numbers := func(made time.Time) []json.RawMessage {
		path := filepath.Join(t.TempDir(), "demo.keel")
		if err := pipeline.CreateDemo(context.Background(), path, made, nil); err != nil {
			t.Fatal(err)
		}
		db, err := workspace.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.Now = func() time.Time { return evening } // the numbers are read at one instant
		first, _ := backend.ParseMonth("2024-12")
		last, _ := backend.ParseMonth("2026-12")
		set, err := figures.Load(db, first, last)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := json.Marshal(set.Metrics())
		if err != nil {
			t.Fatal(err)
		}
		var months struct{ Months []json.RawMessage }
		if err := json.Unmarshal(raw, &months); err != nil {
			t.Fatal(err)
		}
		return months.Months
	}
	a, b := numbers(morning), numbers(evening)
	if len(a) != 25 || len(b) != 25 {
		t.Fatalf("%d and %d months, want 25", len(a), len(b))
	}
	for i := range a {
		if string(a[i]) != string(b[i]) {
			t.Errorf("two demos of 2026-12-07 differ:\n%s\n%s", a[i], b[i])
			break
		}
	}
}
