package review

import (
	"time"

	"keel/backend"
)

// Window is the number of months behind each trend: the review month and
// the eleven before it.
const Window = 12

// ParseMonth reads "YYYY-MM" as the first instant of that month in loc.
func ParseMonth(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return t, backend.Errorf(backend.Invalid, "%q is not a month; write it as YYYY-MM, e.g. 2025-03.", s)
	}
	return t, nil
}

// MonthTitle is "February 2026".
func MonthTitle(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return t.Format("January 2006")
}

// shortMonth is "Feb 2026".
func shortMonth(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return t.Format("Jan 2006")
}

// monthName is "February".
func monthName(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return t.Format("January")
}

func nextMonth(t time.Time) time.Time { return t.AddDate(0, 1, 0) }

// day is "28 Feb 2026".
func day(t time.Time) string { return t.Format("2 Jan 2006") }
