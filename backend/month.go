package backend

import (
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month, numbered year×12 + month−1 (the numbering of
// revenue.AbsMonth), so that months compare, subtract and index with
// integer arithmetic. A Month has no time zone: Keel's months are calendar
// months in the workspace's zone, and Start and End place one in a zone.
// It reads and writes as "YYYY-MM" (JSON, text); Title, Short and Name
// are the words the screens and the report use.
type Month int

// ParseMonth reads "YYYY-MM". Its error is the one message Keel has for a
// month it cannot read.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return 0, Errorf(Invalid, "%q is not a month; write it as YYYY-MM, e.g. 2025-03.", s)
	}
	return MonthOf(t, time.UTC), nil
}

// MonthOf is the month containing t in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	t = t.In(loc)
	return Month(t.Year()*12 + int(t.Month()) - 1)
}

// MonthOfUnix is the month containing unix second sec in loc.
func MonthOfUnix(sec int64, loc *time.Location) Month { return MonthOf(time.Unix(sec, 0), loc) }

// LastComplete is the last month that has ended at now in loc: on
// 7 December it is November, and on 1 December at 00:00 too.
func LastComplete(now time.Time, loc *time.Location) Month { return MonthOf(now, loc) - 1 }

// Date is the month's year and month.
func (m Month) Date() (int, time.Month) {
	y, i := int(m)/12, int(m)%12
	if i < 0 {
		y, i = y-1, i+12
	}
	return y, time.Month(i + 1)
}

// Start is the month's first instant in loc.
func (m Month) Start(loc *time.Location) time.Time {
	y, mo := m.Date()
	return time.Date(y, mo, 1, 0, 0, 0, 0, loc)
}

// End is the first instant after the month in loc (the next month's Start).
func (m Month) End(loc *time.Location) time.Time { return (m + 1).Start(loc) }

// Add is the month n months later (earlier for n < 0).
func (m Month) Add(n int) Month { return m + Month(n) }

// Since counts the months from first to m: the index of m in a range that
// starts at first.
func (m Month) Since(first Month) int { return int(m - first) }

// String is "2026-02".
func (m Month) String() string {
	y, mo := m.Date()
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	if mo < 10 {
		return s + "-0" + strconv.Itoa(int(mo))
	}
	return s + "-" + strconv.Itoa(int(mo))
}

// Title is "February 2026".
func (m Month) Title() string { return m.Start(time.UTC).Format("January 2006") }

// Short is "Feb 2026".
func (m Month) Short() string { return m.Start(time.UTC).Format("Jan 2006") }

// Name is "February".
func (m Month) Name() string { return m.Start(time.UTC).Format("January") }

// MarshalText writes "YYYY-MM" (and so JSON strings and map keys).
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads "YYYY-MM".
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MaxMonths is the longest range of months Keel computes at once.
const MaxMonths = 240

// Months lists the months first..last, oldest first. A range that runs
// backwards or spans more than MaxMonths is an error in words a founder
// reads (no command-line flag names: the window shows it too).
func Months(first, last Month) ([]Month, error) {
	if last < first {
		return nil, Errorf(Invalid, "The months run backwards: %s is before %s.", last.Title(), first.Title())
	}
	if last.Since(first) >= MaxMonths {
		return nil, Errorf(Invalid, "That is more than %d years of months; pick a shorter range.", MaxMonths/12)
	}
	out := make([]Month, 0, last.Since(first)+1)
	for m := first; m <= last; m++ {
		out = append(out, m)
	}
	return out, nil
}
