package backend

import (
	"strings"
	"time"
)

// Traffic is one number of a web analytics report (Plausible dashboard
// CSVs, GA4 report downloads). Those reports are aggregates, not events, so
// they are stored as they were exported, in a tidy "long" shape: one record
// per metric value of one row of one table.
//
// A visitors.csv row `2021-10-19,2,2,2,1.0,50,30` gives six records (one per
// metric: visitors 2, pageviews 2, …); a GA4 "Events: Event name" row
// `page_view,40242,14950,2.70…,0` gives four (Event count, Total users, …).
// An empty cell gives no record: "no value" is never stored as 0.
//
// Days are calendar dates of the report (in the analytics tool's own time
// zone), stored as UTC midnight of that date.
type Traffic struct {
	Source  string // plausible, ga4
	Site    string // the site or property when the file names it (GA4 "Property"); "" otherwise
	Report  string // Plausible: the file's report ("visitors", "pages", "sources", …); GA4: the report title ("Events: Event name", "Reports snapshot")
	Segment string // the segment or comparison the report was cut by, as the file says it (GA4 "All Users"); "" for none
	// Start and End are the first and last day (inclusive) the number
	// covers: the day of a daily row (GA4 "Date", "Nth day"), else the
	// report's date range when the file states it (GA4 "# Start date",
	// "# End date"). A Plausible visitors.csv row has only Start (its
	// bucket is a day, week or month, as chosen in the dashboard; the file
	// does not say which); Plausible breakdowns state no dates at all.
	Start, End *time.Time
	Dimension  string // what the rows break down by: the table's dimension column ("date", "name", "Event name", "Nth week"); several are joined with " / "
	Item       string // the row's value of Dimension ("2021-10-19", "/pricing", "page_view", "0003"); several joined with " / "
	Metric     string // the metric column ("visitors", "bounce_rate", "Event count", "Week 2")
	Value      string // the number as exported, trimmed: a decimal string such as "40242", "1.4174757281553398", "67.0"; never empty
	Attrs      Attrs  // context that does not identify the number (GA4 account, table title)
}

func (t *Traffic) Kind() string { return "traffic" }

// Key identifies the number: the same cell of the same report over the same
// dates is the same record, whichever file it came from, so that an
// overlapping download updates instead of doubling.
func (t *Traffic) Key() string {
	day := func(p *time.Time) string {
		if p == nil {
			return ""
		}
		return p.UTC().Format("2006-01-02")
	}
	return strings.Join([]string{t.Source, t.Site, t.Report, t.Segment, day(t.Start), day(t.End),
		t.Dimension, t.Item, t.Metric}, "\x1f")
}
