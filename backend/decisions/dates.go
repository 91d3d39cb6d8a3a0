package decisions

import (
	"time"

	"keel/backend"
)

// Dates are "YYYY-MM-DD" and months "YYYY-MM" in the workspace time zone,
// so they compare as strings.

const dateLayout = "2006-01-02"

func parseDate(what, s string) (time.Time, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return t, backend.Errorf(backend.Invalid, "The %s %q is not a date; write it as YYYY-MM-DD, e.g. 2026-04-30.", what, s)
	}
	return t, nil
}

// monthOf is the month of a date: "2026-03-14" → "2026-03".
func monthOf(date string) string { return date[:7] }

// addMonths is month m moved by n months.
func addMonths(m string, n int) string {
	t, _ := time.Parse("2006-01", m)
	return t.AddDate(0, n, 0).Format("2006-01")
}

// lastDay is the last day of month m: "2026-02" → "2026-02-28".
func lastDay(m string) string {
	t, _ := time.Parse("2006-01", m)
	return t.AddDate(0, 1, -1).Format(dateLayout)
}

// days is the number of days from a to b.
func days(a, b string) int64 {
	ta, _ := time.Parse(dateLayout, a)
	tb, _ := time.Parse(dateLayout, b)
	return int64(tb.Sub(ta).Hours()/24 + 0.5)
}

// monthWords is "Feb 2026".
func monthWords(m string) string {
	t, _ := time.Parse("2006-01", m)
	return t.Format("Jan 2006")
}

// dayWords is "14 Mar 2026".
func dayWords(date string) string {
	t, _ := time.Parse(dateLayout, date)
	return t.Format("2 Jan 2006")
}
