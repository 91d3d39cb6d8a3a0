package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"keel/backend/figures"
	"keel/backend/money"
)

// The words of the readings: short, plain, exact enough to act on.

// pct is a fraction as a percentage with one decimal: 0.0412 → "4.1 %".
func pct(x float64) string {
	return strconv.FormatFloat(round1(x*100), 'f', 1, 64) + " %"
}

// round1 rounds to one decimal, half away from zero, and never yields −0.
func round1(x float64) float64 {
	r := math.Round(x*10) / 10
	if r == 0 {
		return 0
	}
	return r
}

// pts is a difference of fractions in percentage points: "2.3 points".
func pts(x float64) string {
	return strconv.FormatFloat(math.Abs(round1(x*100)), 'f', 1, 64) + " points"
}

// amount is minor units of cur for display: "$1,234.56".
func amount(n float64, cur string) string { return money.Format(int64(math.Round(n)), cur) }

// count is a whole number with thousands separators: "12,340".
func count(n float64) string {
	s := strconv.FormatInt(int64(math.Round(math.Abs(n))), 10)
	var b strings.Builder
	if n < 0 && math.Round(n) != 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// plural is "1 account", "3 accounts".
func plural(n float64, one, many string) string {
	if math.Round(n) == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// duration is minutes for a person: "45 min", "1 h 36 min", "3 d 4 h".
func duration(m float64) string {
	n := int64(math.Round(m))
	switch {
	case n < 60:
		return fmt.Sprintf("%d min", n)
	case n < 24*60:
		if n%60 == 0 {
			return fmt.Sprintf("%d h", n/60)
		}
		return fmt.Sprintf("%d h %d min", n/60, n%60)
	default:
		d, h := n/(24*60), (n%(24*60))/60
		if h == 0 {
			return fmt.Sprintf("%d d", d)
		}
		return fmt.Sprintf("%d d %d h", d, h)
	}
}

// decimal is a multiple as every screen shows it: "1.19".
func decimal(x float64) string { return strconv.FormatFloat(x, 'f', figures.Multiple.Digits(), 64) }

// show writes a number of a unit for a sentence.
func show(x float64, u figures.Unit, cur string) string {
	switch u {
	case figures.Money:
		return amount(x, cur)
	case figures.Count:
		return count(x)
	case figures.Ratio:
		return pct(x)
	case figures.Minutes:
		return duration(x)
	default:
		return decimal(x)
	}
}

// joinAnd is "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// sentence capitalises the first letter and ends with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
