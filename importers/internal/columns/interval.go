package columns

import (
	"strconv"
	"strings"
)

// ParseInterval reads a billing interval ("month", "Monthly", "3 months",
// "every 2 weeks", "quarterly", "annual") into a unit (day, week, month,
// year) and a count; ok is false when it is none of those.
func ParseInterval(s string) (unit string, n int64, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	n = 1
	words := strings.Fields(strings.TrimPrefix(s, "every "))
	if len(words) == 2 {
		k, err := strconv.ParseInt(words[0], 10, 64)
		if err == nil && k > 0 {
			n, words = k, words[1:]
		}
	}
	if len(words) != 1 {
		return "", 0, false
	}
	switch words[0] {
	case "day", "days", "daily":
		return "day", n, true
	case "week", "weeks", "weekly":
		return "week", n, true
	case "month", "months", "monthly":
		return "month", n, true
	case "quarter", "quarters", "quarterly":
		return "month", 3 * n, true
	case "year", "years", "yearly", "annual", "annually":
		return "year", n, true
	}
	return "", 0, false
}

// Interval reads a unit column and an optional count column into the
// canonical unit and count. An empty unit gives "", 0 with no error.
func (f *Fields) Interval(unit, count Column) (string, int64) {
	s := f.Str(unit)
	if s == "" {
		return "", 0
	}
	u, n, ok := ParseInterval(s)
	if !ok {
		f.Fail("%s %q is not day, week, month or year", unit.Name, s)
		return "", 0
	}
	if k := f.Integer(count, 0); k != 0 {
		if k < 0 {
			f.Fail("%s %q is not a positive number", count.Name, f.Str(count))
			return "", 0
		}
		n *= k
	}
	return u, n
}
