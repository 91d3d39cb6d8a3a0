package money

import (
	"errors"
	"math/big"
	"testing"

	"keel/backend"
)

// FuzzParse: an amount is read exactly or refused with a sentence; what is
// read writes back (Decimal) to text that reads to the same amount.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"15.00", "-27,600.00", "1.234,56", "$12", "(5.00)", "1 234,50 kr", "CHF 1'234.50", "1e5",
		"92233720368547758.07", "92233720368547758.08", "-", "", "0,123", "12,34,567.00", "US$ 3", "−4.5", "1.2.3,4"} {
		for _, exp := range []int{0, 2, 3} {
			f.Add(s, exp, false)
			f.Add(s, exp, true)
		}
	}
	f.Fuzz(func(t *testing.T, s string, exp int, comma bool) {
		if exp < 0 || exp > 4 {
			exp = 2
		}
		v, err := Parse(s, exp, comma)
		if err != nil {
			var be *backend.Error
			if !errors.As(err, &be) || be.Message == "" {
				t.Fatalf("%q: not a sentence: %v", s, err)
			}
			return
		}
		back, err := Parse(Decimal(v, exp), exp, false)
		if err != nil || back != v {
			t.Fatalf("%q read as %d, written %q, read back %d %v", s, v, Decimal(v, exp), back, err)
		}
	})
}

// FuzzConvert: converting at a rate never panics within the documented
// ranges and agrees with exact rational arithmetic, rounded half away
// from zero, wherever the result fits in an int64.
func FuzzConvert(f *testing.F) {
	f.Add(int64(1999), 2, int64(108), int64(100), 2)
	f.Add(int64(-1), 0, int64(1), int64(3), 2)
	f.Add(int64(1<<62), 2, int64(7), int64(3), 2)
	f.Fuzz(func(t *testing.T, n int64, eFrom int, num, den int64, eTo int) {
		if eFrom < 0 || eFrom > 4 || eTo < 0 || eTo > 4 || num <= 0 || den <= 0 {
			return
		}
		exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(n), new(big.Int).Mul(big.NewInt(num), pow10Big(eTo))),
			new(big.Int).Mul(big.NewInt(den), pow10Big(eFrom)))
		half := new(big.Rat).SetFrac64(1, 2)
		if exact.Sign() < 0 {
			half.Neg(half)
		}
		want := new(big.Int).Quo(new(big.Rat).Add(exact, half).Num(), new(big.Rat).Add(exact, half).Denom())
		if !want.IsInt64() {
			return // out of range: Convert's documented panic
		}
		if got := Convert(n, eFrom, num, den, eTo); got != want.Int64() {
			t.Fatalf("Convert(%d, %d, %d/%d, %d) = %d, want %s", n, eFrom, num, den, eTo, got, want)
		}
	})
}
