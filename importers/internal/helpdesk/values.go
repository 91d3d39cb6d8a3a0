package helpdesk

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/importers/csvfile"
)

// Time parses column i as a time (naive times in loc), in UTC; ok is false
// for an absent column, an empty value or a placeholder ("1900-01-01
// 00:00:00", which Zendesk-shaped exports write for "not yet").
func Time(row csvfile.Row, i int, name string, loc *time.Location) (time.Time, bool, error) {
	s := row.Get(i)
	if i < 0 || s == "" {
		return time.Time{}, false, nil
	}
	t, ok, err := csvfile.ParseTime(s, loc)
	if err != nil {
		return time.Time{}, false, backend.Errorf(backend.Invalid, "%s %q is not a date", name, s)
	}
	return t.UTC(), ok, nil
}

// Between is b − a in whole minutes, halves rounded up.
func Between(a, b time.Time) *int64 {
	m := int64(math.Floor(b.Sub(a).Minutes() + 0.5))
	return &m
}

// UnitOf is the unit of a duration column, from its name when it says it
// ("… (seconds)", "… in minutes", "(in hrs)"), else def.
func UnitOf(name string, def time.Duration) time.Duration {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "second") || strings.Contains(n, "(s)") || strings.Contains(n, "(sec"):
		return time.Second
	case strings.Contains(n, "minute") || strings.Contains(n, "(min"):
		return time.Minute
	case strings.Contains(n, "hour") || strings.Contains(n, "hrs") || strings.Contains(n, "(h)"):
		return time.Hour
	case strings.Contains(n, "(days") || strings.Contains(n, "in days"):
		return 24 * time.Hour
	}
	return def
}

// unitSuffix is the unit at the end of a duration column's name.
var unitSuffix = regexp.MustCompile(`(?i)\s*(\((in )?(s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?)\)|\bin (seconds|minutes|hours|hrs|days))\s*$`)

var (
	clockRE = regexp.MustCompile(`^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$`)
	partsRE = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b`)
)

// ErrNoUnit is Minutes' answer for a plain number when the unit is not
// known: the importer keeps the value as it is instead of guessing.
var ErrNoUnit = backend.Errorf(backend.Invalid, "a plain number with no unit")

// maxDuration is the longest duration read: a larger one is a typo or a
// number in the wrong unit, and would overflow minutes.
const maxDuration = 10 * 365 * 24 * time.Hour

// Minutes parses a duration into whole minutes (halves rounded up):
// "HH:MM:SS" or "HH:MM", "1d 2h 3m 4s" / "2 hours 5 minutes", or a plain
// number of unit ("1604" minutes, "1.5" hours), read exactly. "" and "-"
// give nil. A plain number with no unit (unit 0) gives ErrNoUnit.
func Minutes(s string, unit time.Duration) (*int64, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || strings.EqualFold(s, "null") {
		return nil, nil
	}
	if num, den, ok := decimal(s); ok {
		// The common case (a count of minutes, decimal hours), without a
		// regular expression or a float: num/den units, exactly.
		if unit == 0 {
			return nil, ErrNoUnit
		}
		return minutesOf(s, num, den, unit)
	}
	var d float64 // seconds
	switch {
	case clockRE.MatchString(s):
		p := clockRE.FindStringSubmatch(s)
		h, _ := strconv.ParseFloat(p[1], 64)
		mi, _ := strconv.ParseFloat(p[2], 64)
		sec := 0.0
		if p[3] != "" {
			sec, _ = strconv.ParseFloat(p[3], 64)
		}
		d = h*3600 + mi*60 + sec
	case partsRE.MatchString(s) && strings.TrimSpace(partsRE.ReplaceAllString(s, "")) == "":
		for _, p := range partsRE.FindAllStringSubmatch(s, -1) {
			v, _ := strconv.ParseFloat(p[1], 64)
			switch u := strings.ToLower(p[2]); {
			case strings.HasPrefix(u, "d"):
				d += v * 86400
			case strings.HasPrefix(u, "h"):
				d += v * 3600
			case strings.HasPrefix(u, "m"):
				d += v * 60
			default:
				d += v
			}
		}
	default:
		if strings.HasPrefix(s, "-") {
			if _, _, ok := decimal(s[1:]); ok {
				return nil, backend.Errorf(backend.Invalid, "%q is a negative duration", s)
			}
		}
		return nil, backend.Errorf(backend.Invalid, "%q is not a duration", s)
	}
	if d > maxDuration.Seconds() || math.IsNaN(d) {
		return nil, tooLong(s)
	}
	m := int64(math.Floor(d/60 + 0.5))
	return &m, nil
}

// decimal reads a plain decimal number ("1604", "12.5", ".5") of at most
// 18 digits as num/den.
func decimal(s string) (num, den int64, ok bool) {
	den = 1
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits++; digits > 18 {
				return 0, 0, false
			}
			num = num*10 + int64(c-'0')
			if dot {
				den *= 10
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, false
		}
	}
	return num, den, digits > 0
}

// minutesOf is num/den units in whole minutes, halves rounded up, in
// integers when they cannot overflow.
func minutesOf(s string, num, den int64, unit time.Duration) (*int64, error) {
	sec := int64(unit / time.Second)
	var m int64
	if sec > 0 && num <= math.MaxInt64/(4*sec) && den <= math.MaxInt64/240 {
		n, d := num*sec, den*60
		m = (2*n + d) / (2 * d)
	} else {
		x := new(big.Rat).Mul(big.NewRat(num, den), big.NewRat(int64(unit), int64(time.Minute)))
		x.Add(x, big.NewRat(1, 2))
		q := new(big.Int).Quo(x.Num(), x.Denom())
		if !q.IsInt64() {
			return nil, tooLong(s)
		}
		m = q.Int64()
	}
	if m > int64(maxDuration/time.Minute) {
		return nil, tooLong(s)
	}
	return &m, nil
}

func tooLong(s string) error {
	return backend.Errorf(backend.Invalid, "%q is longer than ten years, more than any ticket waits", s)
}

// FivePoint reads a rating on the 1–5 scale of CSAT surveys (Zendesk's
// newer surveys, Intercom's conversation rating): 4 and 5 are good, 1 to 3
// bad, as both tools count them; ok is false for anything else.
func FivePoint(s string) (v string, ok bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case err != nil || n < 1 || n > 5:
		return "", false
	case n >= 4:
		return "good", true
	}
	return "bad", true
}

// Tags splits a comma-separated tag list. Keel stores a ticket's tags
// space-separated, so spaces inside a tag become underscores
// ("bug report" -> "bug_report", as Zendesk writes tags).
func Tags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if f := strings.Fields(t); len(f) > 0 {
			out = append(out, strings.Join(f, "_"))
		}
	}
	return out
}
