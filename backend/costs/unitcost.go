package costs

import (
	"math/bits"
	"strconv"
	"strings"

	"keel/backend"
	"keel/backend/money"
)

// A unit cost is kept as typed ("0.12") and computed as micro minor units
// (0.12 → 120,000): exact for up to six decimals.
const (
	microDigits = 6
	micro       = 1_000_000
	// maxUnitCost is the most a unit may cost, in minor units: more is
	// almost surely a unit cost typed in whole currency units or a typo.
	maxUnitCost = 1_000_000
)

// ParseUnitCost reads a unit cost in minor units of cur per unit and
// returns it in micro minor units; the error is a sentence about the
// driver's unit.
func ParseUnitCost(s, cur, unit string) (int64, error) {
	t := strings.TrimSpace(s)
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	minor := minorName(cur)
	if t == "" {
		return 0, backend.Errorf(backend.Invalid, "Give the unit cost: how many %s one %s costs (0 if it is free).", minor, unit)
	}
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		return 0, backend.Errorf(backend.Invalid, "A unit cost cannot be negative: %s %s per %s would mean every %s earns you money.", s, minor, unit, unit)
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	if !digits(whole) || !digits(frac) || frac == "" && strings.Contains(t, ".") {
		return 0, backend.Errorf(backend.Invalid, "%q is not a number; write the unit cost in %s like 0.12.", s, minor)
	}
	if len(frac) > microDigits {
		return 0, backend.Errorf(backend.Invalid, "%s has more than %d decimals; Keel keeps unit costs to a millionth of a %s.", s, microDigits, strings.TrimSuffix(minor, "s"))
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > maxUnitCost || w == maxUnitCost && strings.Trim(frac, "0") != "" {
		return 0, backend.Errorf(backend.Invalid,
			"%s %s per %s is more than %s for one %s: unit costs are in %s, so check it is not typed in whole %s.",
			s, minor, unit, money.Format(maxUnitCost, cur), unit, minor, strings.ToUpper(cur))
	}
	f, _ := strconv.ParseInt((frac + "000000")[:microDigits], 10, 64)
	return w*micro + f, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// minorName is what the minor unit of cur is called in a sentence.
func minorName(cur string) string {
	switch strings.ToLower(cur) {
	case "usd", "eur", "aud", "cad", "nzd", "sgd", "hkd":
		return "cents"
	case "gbp":
		return "pence"
	}
	if e, ok := money.Exponent(cur); ok && e == 0 {
		return "whole " + strings.ToUpper(cur)
	}
	return "minor units of " + strings.ToUpper(cur)
}

// FormatMicro writes micro minor units back as a decimal: 120000 → "0.12".
func FormatMicro(n int64) string {
	s := strconv.FormatInt(n/micro, 10)
	if f := n % micro; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(micro+f, 10)[1:], "0")
	}
	return s
}

// acc sums usage × unit cost in micro minor units, in 128 bits: a heavy
// account's usage times a large unit cost overflows 64.
type acc struct{ hi, lo uint64 }

func (a *acc) add(usage, unitMicro int64) {
	if usage <= 0 || unitMicro <= 0 {
		return
	}
	hi, lo := bits.Mul64(uint64(usage), uint64(unitMicro))
	var c uint64
	a.lo, c = bits.Add64(a.lo, lo, 0)
	a.hi += hi + c
}

func (a acc) times(k uint64) acc {
	hi, lo := bits.Mul64(a.lo, k)
	return acc{hi: a.hi*k + hi, lo: lo}
}

// minor rounds the sum to minor units, half away from zero (the sum is
// never negative), saturating at the largest int64.
func (a acc) minor() int64 {
	if a.hi >= micro {
		return 1<<63 - 1
	}
	q, r := bits.Div64(a.hi, a.lo, micro)
	if r*2 >= micro {
		q++
	}
	if q > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(q)
}
