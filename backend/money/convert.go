package money

import (
	"math"
	"math/big"
	"strings"

	"keel/backend"
)

var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Convert converts n minor units (exponent eFrom) at the rate
// rateNum/rateDen (major units of the target per major unit of the source)
// to minor units of the target (exponent eTo):
//
//	round(n / 10^eFrom × rateNum/rateDen × 10^eTo)
//
// rounding half away from zero, exactly (METRICS.md, Conversion). It panics
// when rateDen is 0 or the result does not fit in an int64: both are bugs
// of the caller, which must check that a rate exists.
func Convert(n int64, eFrom int, rateNum, rateDen int64, eTo int) int64 {
	if rateDen == 0 {
		panic("money: Convert with a zero rate denominator")
	}
	num, ok := mul(n, rateNum)
	den := rateDen
	if scale := eTo - eFrom; ok && scale >= 0 && scale < len(pow10) {
		num, ok = mul(num, pow10[scale])
	} else if ok && scale < 0 && -scale < len(pow10) {
		den, ok = mul(den, pow10[-scale])
	} else {
		ok = false
	}
	if ok && num != math.MinInt64 && den != math.MinInt64 {
		return roundDiv(num, den)
	}
	return convertBig(big.NewInt(n), eFrom, big.NewInt(rateNum), big.NewInt(rateDen), eTo)
}

// ConvertRat is Convert with the rate as a big.Rat.
func ConvertRat(n int64, eFrom int, r *big.Rat, eTo int) int64 {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return Convert(n, eFrom, r.Num().Int64(), r.Denom().Int64(), eTo)
	}
	return convertBig(big.NewInt(n), eFrom, r.Num(), r.Denom(), eTo)
}

// RateOf is the rate (major units of the target per major unit of the
// source) implied by converting amount minor units of the source
// (exponent eFrom) into converted minor units of the target (exponent
// eTo), as in Σ Converted Amount / Σ Amount. It is nil when amount is 0.
func RateOf(amount int64, eFrom int, converted int64, eTo int) *big.Rat {
	if amount == 0 {
		return nil
	}
	num := new(big.Int).Mul(big.NewInt(converted), pow10Big(eFrom))
	den := new(big.Int).Mul(big.NewInt(amount), pow10Big(eTo))
	return new(big.Rat).SetFrac(num, den)
}

// ParseRate reads an exchange rate written as a decimal ("1.0834", also
// with a decimal comma "1,0834") or a fraction ("3/4"); it must be positive.
func ParseRate(s string) (*big.Rat, error) {
	t := strings.TrimSpace(s)
	if strings.Contains(t, ",") && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	good := t != ""
	for _, c := range t {
		if !(c >= '0' && c <= '9' || c == '.' || c == '/') {
			good = false
		}
	}
	r, ok := new(big.Rat).SetString(t)
	if !good || !ok || r.Sign() <= 0 {
		return nil, backend.Errorf(backend.Invalid, "%s is not an exchange rate (write it like 1.0834)", quote(s))
	}
	return r, nil
}

func pow10Big(e int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil)
}

// mul multiplies with an overflow check.
func mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a || a == -1 && b == math.MinInt64 || b == -1 && a == math.MinInt64 {
		return 0, false
	}
	return c, true
}

// roundDiv is num/den rounded half away from zero (neither is MinInt64).
func roundDiv(num, den int64) int64 {
	if den < 0 {
		num, den = -num, -den
	}
	q, r := num/den, num%den
	if r < 0 {
		r = -r
	}
	if r >= den-r {
		if num < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

func convertBig(n *big.Int, eFrom int, rateNum, rateDen *big.Int, eTo int) int64 {
	if rateDen.Sign() == 0 {
		panic("money: Convert with a zero rate denominator")
	}
	num := new(big.Int).Mul(n, rateNum)
	den := new(big.Int).Set(rateDen)
	if scale := eTo - eFrom; scale >= 0 {
		num.Mul(num, pow10Big(scale))
	} else {
		den.Mul(den, pow10Big(-scale))
	}
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(den) >= 0 {
		q.Add(q, big.NewInt(int64(num.Sign())))
	}
	if !q.IsInt64() {
		panic("money: converted amount does not fit in int64")
	}
	return q.Int64()
}
