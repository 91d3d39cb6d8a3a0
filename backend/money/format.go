package money

import (
	"strconv"
	"strings"
)

// symbols are the currencies shown with a symbol by Format; others are
// shown with their code.
var symbols = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩",
}

// Decimal writes n minor units of a currency with exponent exp as a plain
// decimal in major units, exactly: Decimal(-123456, 2) = "-1234.56",
// Decimal(5, 3) = "0.005", Decimal(1235, 0) = "1235".
func Decimal(n int64, exp int) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u
	}
	digits := strconv.FormatUint(u, 10)
	if exp > 0 {
		if len(digits) <= exp {
			digits = strings.Repeat("0", exp-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-exp] + "." + digits[len(digits)-exp:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// Format writes n minor units of cur for display, with thousands
// separators: "$1,234.56", "-€5.00", "¥1,235", "KWD 1.235", "CHF 12.50".
// An unknown or empty code is shown with two decimals.
func Format(n int64, cur string) string {
	code := strings.ToUpper(strings.TrimSpace(cur))
	exp, ok := Exponent(code)
	if !ok {
		exp = 2
	}
	s := Decimal(n, exp)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	num := b.String() + frac
	if sym, ok := symbols[code]; ok {
		return sign + sym + num
	}
	if code == "" {
		return sign + num
	}
	return sign + code + " " + num
}
