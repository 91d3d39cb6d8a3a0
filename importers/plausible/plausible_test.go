package plausible

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

func real(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(importertest.RealDir, "plausible", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found", p)
	}
	return p
}

func find(res importertest.Result, item, metric string) *backend.Traffic {
	for _, r := range res.Records {
		if x := r.(*backend.Traffic); x.Item == item && x.Metric == metric {
			return x
		}
	}
	return nil
}

// TestRealSamples imports every real Plausible sample. The counts were
// checked by hand against the files: a record per non-empty metric cell.
func TestRealSamples(t *testing.T) {
	tests := []struct {
		rel, golden, report string
		rows, records       int
	}{
		// 31 days; visit_duration is empty on the 28 days without visits:
		// 3×6 + 28×5 = 158.
		{"30d/visitors.csv", "real_visitors.golden", "visitors", 31, 158},
		{"30d/pages.csv", "real_pages.golden", "pages", 3, 15},
		{"30d/sources.csv", "real_sources.golden", "sources", 1, 3},
		{"30d/custom_props.csv", "real_custom_props.golden", "custom_props", 2, 6},
		{"30d-filter-goal/conversions.csv", "real_conversions.golden", "conversions", 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			res := importertest.File(t, Stats{}, real(t, tt.rel), importers.Options{})
			importertest.Golden(t, tt.golden, importertest.Summary(res))
			if res.Rows != tt.rows || len(res.Records) != tt.records || len(res.Rejects) != 0 || res.Skipped != 0 {
				t.Fatalf("rows %d records %d rejects %v skipped %d; want %d, %d, none",
					res.Rows, len(res.Records), res.Rejects, res.Skipped, tt.rows, tt.records)
			}
			if res.Detect < 0.9 {
				t.Errorf("detect = %v", res.Detect)
			}
			for _, r := range res.Records {
				if x := r.(*backend.Traffic); x.Report != tt.report || x.Source != "plausible" {
					t.Fatalf("record %+v", x)
				}
			}
		})
	}

	// Hand-checked values.
	res := importertest.File(t, Stats{}, real(t, "30d/visitors.csv"), importers.Options{})
	x := find(res, "2021-10-19", "bounce_rate") // 2021-10-19,2,2,2,1.0,50,30
	if x == nil || x.Value != "50" || x.Dimension != "date" || x.Start == nil ||
		!x.Start.Equal(time.Date(2021, 10, 19, 0, 0, 0, 0, time.UTC)) || x.End != nil {
		t.Errorf("2021-10-19 bounce_rate: %+v", x)
	}
	if x := find(res, "2021-09-21", "visit_duration"); x != nil {
		t.Errorf("an empty visit_duration gave a record: %+v", x)
	}
	if x := find(res, "2021-09-21", "views_per_visit"); x == nil || x.Value != "0.0" {
		t.Errorf("2021-09-21 views_per_visit: %+v", x)
	}
	res = importertest.File(t, Stats{}, real(t, "30d/custom_props.csv"), importers.Options{})
	if x := find(res, "variant / A", "percentage"); x == nil || x.Value != "25.0" || x.Dimension != "property / value" || x.Start != nil {
		t.Errorf("custom prop: %+v", x)
	}
	res = importertest.File(t, Stats{}, real(t, "30d/pages.csv"), importers.Options{})
	if x := find(res, "/", "scroll_depth"); x == nil || x.Value != "27" || x.Dimension != "name" {
		t.Errorf("pages /: %+v", x)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		header string
		want   float64
	}{
		{"date,visitors,pageviews,visits,views_per_visit,bounce_rate,visit_duration", 0.9},
		{"date,visitors,pageviews,bounce_rate,visit_duration", 0.9},
		{"name,visitors,bounce_rate,visit_duration", 0.9},
		{"name,unique_conversions,total_conversions", 0.9},
		{"property,value,visitors,events,percentage", 0.9},
		{"name,version,visitors", 0.6},
		{"name,visitors", 0.6},
		{"name,email,visitors", 0},
		{"visitors,name", 0},
		{"name,version", 0},
		{"Event name,Event count", 0},
		{"event,distinct_id,time", 0},
	}
	for _, tt := range tests {
		if got := (Stats{}).Detect(csvfile.NewHeader(strings.Split(tt.header, ",")...)); got != tt.want {
			t.Errorf("Detect(%s) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestReportName(t *testing.T) {
	h := csvfile.NewHeader("name", "visitors")
	for file, want := range map[string]string{
		"countries.csv":     "countries",
		"Countries (1).csv": "countries",
		"export/cities.csv": "cities",
		"":                  "breakdown",
		"my-stats.csv":      "my-stats",
	} {
		if got := report(file, h); got != want {
			t.Errorf("report(%q) = %q, want %q", file, got, want)
		}
	}
	if got := report("renamed.csv", csvfile.NewHeader("name", "visitors", "bounce_rate", "time_on_page")); got != "pages" {
		t.Errorf("renamed pages file: %q", got)
	}
	if got := report("", csvfile.NewHeader("date", "visitors")); got != "visitors" {
		t.Errorf("visitors guess: %q", got)
	}
}

func TestBadCells(t *testing.T) {
	data := "date,visitors,pageviews\r\n2024-01-01,3,5\r\n2024-01-02,n/a,1\r\nsoon,1,1\r\n2024-01-04,,\r\n"
	res := importertest.Bytes(t, Stats{}, []byte(data), importers.Options{File: "visitors.csv"})
	if res.Rows != 1 || len(res.Records) != 2 || res.Skipped != 1 || len(res.Rejects) != 2 {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Rejects[0].Reason, `visitors "n/a" is not a number`) || res.Rejects[0].Line != 3 ||
		!strings.Contains(res.Rejects[1].Reason, `"soon" is not a date`) {
		t.Errorf("rejects %+v", res.Rejects)
	}
}
