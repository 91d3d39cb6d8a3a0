package traffic

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"keel/backend/pipeline"
	"keel/backend/workspace"
	_ "keel/importers/ga4"
	_ "keel/importers/plausible"
)

const real = "../../../shared/fixtures/real"

func load(t *testing.T, files ...string) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, f := range files {
		rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: filepath.Join(real, f)}, nil)
		if rep.Err != nil || rep.Imported == 0 {
			t.Fatalf("%s: %+v %v", f, rep.Counts, rep.Err)
		}
	}
	return db
}

func TestNoTraffic(t *testing.T) {
	db := load(t)
	s, err := Load(context.Background(), db, time.Time{})
	if err != nil || s.HasData || s.Main != nil || len(s.Tables) != 0 || len(s.Months) != 0 {
		t.Fatalf("%+v %v", s, err)
	}
}

func TestPlausibleVisitorsByDayAndMonth(t *testing.T) {
	db := load(t, "plausible/30d/visitors.csv", "plausible/30d/pages.csv", "plausible/30d/sources.csv")
	s, err := Load(context.Background(), db, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Main == nil || s.Main.Step != "day" || s.Main.Metric != "visitors" || s.Main.Label != "Visitors per day (Plausible)" {
		t.Fatalf("main = %+v", s.Main)
	}
	if s.Main.Points[0].Day != "2021-09-20" || s.Main.Points[0].Value != 1 {
		t.Errorf("first point = %+v", s.Main.Points[0])
	}
	var sum float64
	for _, p := range s.Main.Points {
		sum += p.Value
	}
	var msum float64
	for _, m := range s.Months {
		msum += m.Value
	}
	if sum != msum || len(s.Months) == 0 || s.Months[0].Month < s.Months[len(s.Months)-1].Month {
		t.Errorf("months %+v (Σ %v vs %v)", s.Months, msum, sum)
	}
	if s.Months[0].Views == nil || s.Months[0].Visits == nil {
		t.Errorf("views/visits missing: %+v", s.Months[0])
	}
	if len(s.Tables) != 2 {
		t.Fatalf("tables = %+v", s.Tables)
	}
	pages := s.Tables[0]
	if pages.Report != "pages" || pages.Rows[0].Item != "/" || *pages.Rows[0].Values[0] != 4 || pages.Items != 3 {
		t.Errorf("pages = %+v", pages)
	}
	// pageviews add up across pages; visitors and bounce rates do not.
	if pages.Totals[0] != nil || pages.Totals[1] == nil || *pages.Totals[1] != 5 || pages.Totals[2] != nil {
		t.Errorf("pages totals = %v", pages.Totals)
	}
	cut, _ := Load(context.Background(), db, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))
	if last := cut.Main.Points[len(cut.Main.Points)-1].Day; last != "2021-09-30" {
		t.Errorf("until: last point %s", last)
	}
}

func TestGA4TotalsAndWeeklySeries(t *testing.T) {
	db := load(t, "ga4/Events_Event_name.csv", "ga4/Reports_snapshot.csv")
	s, err := Load(context.Background(), db, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Main == nil || s.Main.Step != "week" || s.Main.Metric != "Active users" || s.Main.Points[0] != (Point{"2025-01-01", 13}) {
		t.Fatalf("main = %+v", s.Main)
	}
	if s.Main.Points[3].Day != "2025-01-22" || s.Main.Points[3].Value != 30 {
		t.Errorf("week 3 = %+v", s.Main.Points[3])
	}
	var events *Table
	for i := range s.Tables {
		if s.Tables[i].Report == "Events: Event name" {
			events = &s.Tables[i]
		}
	}
	if events == nil || events.Start != "2025-10-15" || events.End != "2026-01-12" || events.Site != "Ten10 GA4" || events.Segment != "All Users" {
		t.Fatalf("events table = %+v", events)
	}
	if events.Metrics[0] != "Event count" || events.Totals[0] == nil || *events.Totals[0] != 137560 || events.Totals[1] != nil {
		t.Errorf("events totals %v %v", events.Metrics, events.Totals)
	}
	if events.Rows[0].Item != "page_view" || len(events.Rows) != TopRows || events.Items != 21 {
		t.Errorf("events rows = %+v (%d)", events.Rows[0], events.Items)
	}
	if len(s.Months) != 0 {
		t.Errorf("weekly series has monthly rows: %+v", s.Months)
	}
}
