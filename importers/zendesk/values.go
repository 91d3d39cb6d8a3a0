package zendesk

import (
	"math/big"
	"strconv"
	"strings"
)

// status lowercases Zendesk's status ("On-hold" is hold).
func status(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "on-hold", "on hold", "onhold":
		return "hold"
	}
	return s
}

// satisfaction maps Satisfaction Score to good, bad, offered or "" (not
// offered). Numeric scores are the 1–5 scale of Zendesk's newer CSAT
// surveys: 4–5 are good and 1–3 bad, as Zendesk counts them. ok is false
// for a value it does not know; the raw value is then kept in Attrs.
func satisfaction(s string) (v string, ok bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch l {
	case "", "not offered", "unoffered", "-":
		return "", true
	case "offered":
		return "offered", true
	case "good", "good with comment", "good, i'm satisfied":
		return "good", true
	case "bad", "bad with comment", "bad, i'm unsatisfied":
		return "bad", true
	}
	if n, err := strconv.Atoi(l); err == nil && n >= 1 && n <= 5 {
		if n >= 4 {
			return "good", false
		}
		return "bad", false
	}
	return "", false
}

// roundRat rounds x to the nearest integer, halves away from zero.
func roundRat(x *big.Rat) (int64, bool) {
	num := new(big.Int).Set(x.Num())
	den := x.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	// floor((2*num + den) / (2*den))
	num.Mul(num, big.NewInt(2)).Add(num, den)
	q := new(big.Int).Quo(num, new(big.Int).Mul(den, big.NewInt(2)))
	if !q.IsInt64() {
		return 0, false
	}
	if neg {
		return -q.Int64(), true
	}
	return q.Int64(), true
}

// number parses a count of minutes (or hours, with scale 60) as exported,
// "1604" or "12.5", into whole minutes, halves rounded up.
func number(s string, scale int64) (int64, bool) {
	s = strings.TrimSpace(s)
	if n, ok := wholeNumber(s); ok {
		return n * scale, true // the common case, without big.Rat
	}
	if s == "" || strings.ContainsAny(s, "/eE") {
		return 0, false
	}
	x, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, false
	}
	x.Mul(x, new(big.Rat).SetInt64(scale))
	return roundRat(x)
}

// wholeNumber reads up to 15 decimal digits.
func wholeNumber(s string) (int64, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// tags splits Zendesk's space-separated tags; nil when there are none.
func tags(s string) []string {
	if f := strings.Fields(s); len(f) > 0 {
		return f
	}
	return nil
}
