package ga4

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

func real(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(importertest.RealDir, "ga4", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found", p)
	}
	return p
}

func find(res importertest.Result, dim, item, metric string) []*backend.Traffic {
	var out []*backend.Traffic
	for _, r := range res.Records {
		if x := r.(*backend.Traffic); x.Dimension == dim && x.Item == item && x.Metric == metric {
			out = append(out, x)
		}
	}
	return out
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func same(p *time.Time, t time.Time) bool { return p != nil && p.Equal(t) }

// TestRealSamples imports the three real GA4 downloads. Rows and records
// were counted by hand (and by a separate script) from the files: a record
// per non-empty metric cell, -1 cohort cells left out.
func TestRealSamples(t *testing.T) {
	tests := []struct {
		file, golden  string
		rows, records int
	}{
		{"Events_Event_name.csv", "real_events.golden", 21, 21 * 4},
		{"Pages_and_screens_Page_path_and_screen_class.csv", "real_pages.golden", 16, 16 * 7},
		// 4 weekly tables of 53 rows, 2 channel tables of 5, 103 country
		// ids, 7 countries, 365 days × 3 metrics, a 6-cohort retention
		// table (3+3+3+3+2+1 cells besides the -1s), 137 page titles,
		// 8 events, and 4 tables with no rows.
		{"Reports_snapshot.csv", "real_snapshot.golden", 4*53 + 2*5 + 103 + 7 + 365 + 6 + 137 + 8,
			4*53 + 2*5 + 103 + 7 + 365*3 + 15 + 137 + 8},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := importertest.File(t, Reports{}, real(t, tt.file), importers.Options{})
			importertest.Golden(t, tt.golden, importertest.Summary(res))
			if !res.Lines || res.Detect < 0.9 {
				t.Errorf("lines %v detect %v", res.Lines, res.Detect)
			}
			if res.Rows != tt.rows || len(res.Records) != tt.records || len(res.Rejects) != 0 {
				t.Fatalf("rows %d records %d rejects %v; want %d, %d, none", res.Rows, len(res.Records), res.Rejects, tt.rows, tt.records)
			}
			keys := map[string]bool{}
			for _, r := range res.Records {
				if keys[r.Key()] {
					t.Fatalf("two records with key %q", r.Key())
				}
				keys[r.Key()] = true
			}
		})
	}

	res := importertest.File(t, Reports{}, real(t, "Events_Event_name.csv"), importers.Options{})
	x := find(res, "Event name", "page_view", "Event count")
	if len(x) != 1 || x[0].Value != "40242" || x[0].Report != "Events: Event name" || x[0].Site != "Ten10 GA4" ||
		x[0].Segment != "All Users" || !same(x[0].Start, date(2025, 10, 15)) || !same(x[0].End, date(2026, 1, 12)) ||
		x[0].Attrs["account"] != "Ten10" {
		t.Errorf("page_view Event count: %+v", x)
	}
	// The last line has no line end.
	if x := find(res, "Event name", "hs_accordion", "Total revenue"); len(x) != 1 || x[0].Value != "0" {
		t.Errorf("last line: %+v", x)
	}

	res = importertest.File(t, Reports{}, real(t, "Reports_snapshot.csv"), importers.Options{})
	if x := find(res, "Country ID", "US", "Active users"); len(x) != 1 || x[0].Value != "714" || x[0].Report != "Reports snapshot" || x[0].Segment != "" {
		t.Errorf("US: %+v", x)
	}
	if x := find(res, "Nth day", "0364", "1 day"); len(x) != 1 || x[0].Value != "21" ||
		!same(x[0].Start, date(2025, 12, 31)) || !same(x[0].End, date(2025, 12, 31)) ||
		x[0].Attrs["table"] != "How are active users trending?" {
		t.Errorf("Nth day 0364: %+v", x)
	}
	// Retention: "Jul 19 - Jul 25,105,-1,-1" under a 7-column header.
	if x := find(res, "Date", "Jul 19 - Jul 25", "Week 0"); len(x) != 1 || x[0].Value != "105" ||
		!same(x[0].Start, date(2026, 6, 14)) || !same(x[0].End, date(2026, 7, 25)) {
		t.Errorf("cohort Jul 19 week 0: %+v", x)
	}
	for _, w := range []string{"Week 1", "Week 2", "Week 3"} {
		if x := find(res, "Date", "Jul 19 - Jul 25", w); len(x) != 0 {
			t.Errorf("cohort Jul 19 %s: %+v", w, x[0])
		}
	}
	if x := find(res, "Date", "Jul 12 - Jul 18", "Week 1"); len(x) != 1 || x[0].Value != "0" {
		t.Errorf("cohort Jul 12 week 1: %+v", x)
	}
	// Page titles with "|" and non-ASCII; the table after them has no title.
	if x := find(res, "Page title and screen class", "📘 Part 1 – Introduction to Apache Flink: Real-Time Data Processing Made Simple | Joel Hanson", "Views"); len(x) != 1 || x[0].Value != "5" {
		t.Errorf("emoji title: %+v", x)
	}
	if x := find(res, "Event name", "page_view", "Event count"); len(x) != 1 || x[0].Value != "5322" || x[0].Attrs["table"] != "" {
		t.Errorf("snapshot page_view: %+v", x)
	}
	if x := find(res, "Nth week", "0052", "New users"); len(x) != 1 || x[0].Value != "53" || x[0].Attrs["table"] != "" {
		t.Errorf("week 52 new users: %+v", x)
	}
}

func TestDetectLines(t *testing.T) {
	tests := []struct {
		head string
		want float64
	}{
		{"# ---\n# Events: Event name\n# Start date: 20250101\n# End date: 20250131\nEvent name,Event count\n", 0.95},
		{"# ---\n# Property: X\nA,B\n", 0.8},
		{"# just a comment\nA,B\n", 0},
		{"Event name,Event count\npage_view,1\n# Start date: 20250101\n# End date: 20250131\n", 0},
		{`{"event":"x"}`, 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := (Reports{}).DetectLines([]byte(tt.head)); got != tt.want {
			t.Errorf("DetectLines(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestRaggedAndBadRows: short rows give the cells they have, long rows and
// non-numbers are rejected with their line, and a second table with two
// dimensions, quoted cells and a Date dimension reads right.
func TestRaggedAndBadRows(t *testing.T) {
	data := strings.Join([]string{
		"# ----------------------------------------",
		"# Traffic acquisition: Session source / medium",
		"# Account: A",
		"# Property: P",
		"# ----------------------------------------",
		"# Start date: 20250101",
		"# End date: 20250131",
		"Session source / medium,Country,Sessions,Engaged sessions", // line 8
		"google / organic,US,120,80",                                // 9
		"direct / (none),(not set),7",                               // 10: ragged, 1 value
		`"news, weekly / email",FR,3,2`,                             // 11
		"bing / organic,DE,12,11,99",                                // 12: too long
		"duckduckgo / organic,NL,abc,1",                             // 13: not a number
		"",
		"# Start date: 20250101",
		"# End date: 20250131",
		"Date,Sessions", // 17
		"20250105,42",   // 18
		"",
	}, "\r\n")
	res := importertest.Bytes(t, Reports{}, []byte(data), importers.Options{})
	if res.Rows != 4 || len(res.Records) != 2+1+2+1 || len(res.Rejects) != 2 {
		t.Fatalf("%s", importertest.Summary(res))
	}
	if res.Rejects[0].Line != 12 || !strings.Contains(res.Rejects[0].Reason, "5 cells") ||
		res.Rejects[1].Line != 13 || !strings.Contains(res.Rejects[1].Reason, `Sessions "abc" is not a number`) {
		t.Errorf("rejects %+v", res.Rejects)
	}
	if x := find(res, "Session source / medium / Country", "news, weekly / email / FR", "Engaged sessions"); len(x) != 1 || x[0].Value != "2" ||
		x[0].Site != "P" || x[0].Report != "Traffic acquisition: Session source / medium" {
		t.Errorf("quoted row: %+v", x)
	}
	if x := find(res, "Session source / medium / Country", "direct / (none) / (not set)", "Sessions"); len(x) != 1 || x[0].Value != "7" {
		t.Errorf("ragged row: %+v", x)
	}
	if x := find(res, "Date", "20250105", "Sessions"); len(x) != 1 || !same(x[0].Start, date(2025, 1, 5)) || !same(x[0].End, date(2025, 1, 5)) {
		t.Errorf("date row: %+v", x)
	}
}

func TestCSVPathRefused(t *testing.T) {
	if _, err := (Reports{}).Bind(nil, importers.Options{}); err == nil || !strings.Contains(err.Error(), "Start date") {
		t.Errorf("Bind = %v", err)
	}
}
