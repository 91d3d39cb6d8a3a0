package money

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"keel/backend"
)

// Parse reads a decimal amount in major units ("15.00", "-27,600.00",
// "1.234,56" when decimalComma, "$12", "(5.00)") into minor units of a
// currency with the given exponent, exactly (no float). More fractional
// digits than the exponent is an error unless they are zeros.
//
// Accepted around the number: spaces, a sign before or after it ('-', '+',
// '−'), accounting parentheses for a negative, currency symbols ("$", "€",
// "US$", "R$") and ISO codes ("USD 12", "12 eur") or common local marks
// ("kr", "zł", "Fr."). Inside it: thousands separators (',' '.' space,
// no-break space, apostrophe) and one decimal separator. The decimal
// separator is ',' when decimalComma is true, and otherwise whatever is
// unambiguous: the last of '.' and ',' when both occur ("1.234,56"), a lone
// ',' unless it is followed by exactly three digits ("15,00" is 15.00 but
// "1,234" is 1234; with decimalComma, "1.234" is 1234 by the same rule).
// Scientific notation is rejected. Errors are *backend.Error (Invalid)
// such as `"abc" is not an amount`.
func Parse(s string, exp int, decimalComma bool) (int64, error) {
	return parseAmount(s, exp, decimalComma, "the currency")
}

// ParseIn is Parse with the exponent of the ISO 4217 currency cur; its
// errors name the currency ("has more decimals than USD allows").
func ParseIn(s, cur string, decimalComma bool) (int64, error) {
	exp, ok := Exponent(cur)
	if !ok {
		return 0, backend.Errorf(backend.Invalid, "%q is not a currency code Keel knows", strings.TrimSpace(cur))
	}
	return parseAmount(s, exp, decimalComma, strings.ToUpper(strings.TrimSpace(cur)))
}

type perr int

const (
	noErr perr = iota
	errNotAmount
	errScientific
	errDecimals
	errTooLarge
)

func parseAmount(s string, exp int, decimalComma bool, curName string) (int64, error) {
	if exp < 0 || exp > 18 {
		return 0, backend.Errorf(backend.Internal, "money: exponent %d is out of range", exp)
	}
	v, e := parse(s, exp, decimalComma)
	if e == noErr {
		return v, nil
	}
	q := quote(s)
	switch e {
	case errScientific:
		return 0, backend.Errorf(backend.Invalid, "%s is not an amount (scientific notation is not supported)", q)
	case errDecimals:
		return 0, backend.Errorf(backend.Invalid, "%s has more decimals than %s allows (%d)", q, curName, exp)
	case errTooLarge:
		return 0, backend.Errorf(backend.Invalid, "%s is too large an amount", q)
	}
	if strings.TrimSpace(s) == "" {
		return 0, backend.Errorf(backend.Invalid, "the amount is empty")
	}
	return 0, backend.Errorf(backend.Invalid, "%s is not an amount", q)
}

// quote quotes s for a message, cut to a readable length.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return `"` + s + `"`
}

func parse(s string, exp int, decimalComma bool) (int64, perr) {
	if v, ok := parsePlain(s, exp, decimalComma); ok {
		return v, noErr
	}
	return parseFull(s, exp, decimalComma)
}

func parseFull(s string, exp int, decimalComma bool) (int64, perr) {
	body, neg, good := strip(s)
	if !good {
		return 0, errNotAmount
	}
	intPart, frac, e := split(body, decimalComma)
	if e != noErr {
		return 0, e
	}
	if len(frac) > exp {
		if strings.Trim(frac[exp:], "0") != "" {
			return 0, errDecimals
		}
		frac = frac[:exp]
	}
	var v int64
	add := func(d byte) bool {
		x := int64(d - '0')
		if v > (math.MaxInt64-x)/10 {
			return false
		}
		v = v*10 + x
		return true
	}
	for i := 0; i < len(intPart); i++ {
		if !add(intPart[i]) {
			return 0, errTooLarge
		}
	}
	for i := 0; i < exp; i++ {
		d := byte('0')
		if i < len(frac) {
			d = frac[i]
		}
		if !add(d) {
			return 0, errTooLarge
		}
	}
	if neg {
		v = -v
	}
	return v, noErr
}

func isMinus(r rune) bool { return r == '-' || r == '\u2212' || r == '\u2013' }

// strip removes spaces, signs, parentheses and currency marks around the
// number and returns the number text and its sign.
// parsePlain reads the common case quickly: an optional minus, digits
// (at most 18 with the decimals), then the decimal mark and at most exp digits ("-1234.5"). It
// says false for anything else, which parse then reads in full.
func parsePlain(s string, exp int, decimalComma bool) (int64, bool) {
	mark := byte('.')
	if decimalComma {
		mark = ','
	}
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var v int64
	i, digits := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int64(s[i]-'0')
		digits++
	}
	if digits == 0 || digits+exp > 18 {
		return 0, false
	}
	frac := 0
	if i < len(s) {
		if s[i] != mark {
			return 0, false
		}
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			v = v*10 + int64(s[i]-'0')
			frac++
		}
		if i < len(s) || frac == 0 || frac > exp {
			return 0, false
		}
	}
	for ; frac < exp; frac++ {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, true
}

func strip(s string) (body string, neg, good bool) {
	signs := 0
	var open, closed bool
	trim := func() { s = strings.TrimFunc(s, unicode.IsSpace) }
	for trim(); s != ""; trim() {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == '(' && !open:
			open = true
		case isMinus(r):
			neg = true
			signs++
		case r == '+':
			signs++
		default:
			size = currencyPrefix(s)
		}
		if size == 0 {
			break
		}
		s = s[size:]
	}
	for trim(); s != ""; trim() {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case r == ')' && !closed:
			closed = true
		case isMinus(r):
			neg = true
			signs++
		default:
			size = currencySuffix(s)
		}
		if size == 0 {
			break
		}
		s = s[:len(s)-size]
	}
	if open != closed || signs > 1 || s == "" {
		return "", false, false
	}
	return s, neg || open, true
}

// localMarks are currency marks written next to amounts that are neither
// symbols (Unicode Sc) nor ISO codes; compared in lower case.
var localMarks = map[string]bool{
	"kr": true, "kr.": true, "zł": true, "zl": true, "kč": true, "ft": true, "lei": true,
	"rp": true, "rs": true, "rs.": true, "rm": true, "r": true, "fr": true, "fr.": true,
	"tl": true, "din": true, "lv": true, "лв": true, "руб": true, "руб.": true, "грн": true,
}

func isCurrencyWord(w string) bool {
	return Known(w) || localMarks[strings.ToLower(w)]
}

// currencyPrefix returns the length of a currency mark at the start of s:
// a symbol ("$", "€"), letters glued to a symbol ("US$", "R$"), an ISO code
// or a local mark ("kr", "Fr."); 0 when there is none.
func currencyPrefix(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if unicode.Is(unicode.Sc, r) {
		return size
	}
	n, letters := 0, 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsLetter(r) {
			break
		}
		n += size
		letters++
	}
	if n == 0 {
		return 0
	}
	if r, size := utf8.DecodeRuneInString(s[n:]); unicode.Is(unicode.Sc, r) && letters <= 3 {
		return n + size
	}
	if n < len(s) && s[n] == '.' && localMarks[strings.ToLower(s[:n+1])] {
		return n + 1
	}
	if isCurrencyWord(s[:n]) {
		return n
	}
	return 0
}

// currencySuffix is currencyPrefix at the end of s ("12 €", "12 USD",
// "100 kr.").
func currencySuffix(s string) int {
	r, size := utf8.DecodeLastRuneInString(s)
	if unicode.Is(unicode.Sc, r) {
		// Letters glued before the symbol ("12 US$").
		n, letters := size, 0
		for n < len(s) {
			r, sz := utf8.DecodeLastRuneInString(s[:len(s)-n])
			if !unicode.IsLetter(r) {
				break
			}
			n += sz
			letters++
		}
		if letters > 0 && letters <= 3 {
			return n
		}
		return size
	}
	dot := 0
	if r == '.' {
		dot = 1
	}
	n := dot
	for n < len(s) {
		r, sz := utf8.DecodeLastRuneInString(s[:len(s)-n])
		if !unicode.IsLetter(r) {
			break
		}
		n += sz
	}
	if n == dot {
		return 0
	}
	w := s[len(s)-n:]
	if dot == 1 {
		if localMarks[strings.ToLower(w)] {
			return n
		}
		return 0
	}
	if isCurrencyWord(w) {
		return n
	}
	return 0
}

// separator kinds inside a number
const (
	sepDot   = '.'
	sepComma = ','
	sepSpace = ' '
	sepQuote = '\''
)

func sepKind(r rune) byte {
	switch r {
	case '.':
		return sepDot
	case ',':
		return sepComma
	case ' ', '\u00A0', '\u202F', '\u2009', '\u2007':
		return sepSpace
	case '\'', '\u2019', '\u02BC':
		return sepQuote
	}
	return 0
}

// split splits the number text into integer and fraction digits.
func split(body string, decimalComma bool) (intPart, frac string, e perr) {
	// runs of digits and the separators between them; a leading or
	// trailing separator gives an empty run.
	var runs []string
	var seps []byte
	start := 0
	for i, r := range body {
		switch {
		case '0' <= r && r <= '9':
			continue
		case sepKind(r) != 0:
			if i == start && i > 0 {
				return "", "", errNotAmount // two separators in a row
			}
			runs = append(runs, body[start:i])
			seps = append(seps, sepKind(r))
			start = i + utf8.RuneLen(r)
		case r == 'e' || r == 'E':
			return "", "", errScientific
		default:
			return "", "", errNotAmount
		}
	}
	runs = append(runs, body[start:])

	dec := -1 // index in seps of the decimal separator
	dots, commas, lastDot, lastComma, others := 0, 0, -1, -1, 0
	for i, k := range seps {
		switch k {
		case sepDot:
			dots++
			lastDot = i
		case sepComma:
			commas++
			lastComma = i
		default:
			others++
		}
	}
	switch {
	case dots > 0 && commas > 0:
		dec = max(lastDot, lastComma)
		if seps[dec] == sepDot && dots > 1 || seps[dec] == sepComma && commas > 1 {
			return "", "", errNotAmount
		}
	case dots+commas == 1:
		i := max(lastDot, lastComma)
		before, after := runs[i], runs[i+1]
		grouping := i == len(seps)-1 && others == 0 && len(after) == 3 &&
			len(before) >= 1 && len(before) <= 3 && before != "0"
		if seps[i] == sepComma && (decimalComma || !grouping) ||
			seps[i] == sepDot && (!decimalComma || !grouping) {
			dec = i
		}
	}
	groups, groupSeps := runs, seps
	if dec >= 0 {
		if dec != len(seps)-1 {
			return "", "", errNotAmount // something after the fraction
		}
		groups, groupSeps = runs[:dec+1], seps[:dec]
		frac = runs[dec+1]
	}
	if len(groupSeps) > 0 {
		for _, k := range groupSeps {
			if k != groupSeps[0] {
				return "", "", errNotAmount // mixed thousands separators
			}
		}
		// 1,234,567 or Indian 12,34,567: first group 1–3 digits, middle
		// groups 2–3, last group 3.
		for i, g := range groups {
			switch {
			case i == 0 && (len(g) < 1 || len(g) > 3),
				i == len(groups)-1 && len(g) != 3,
				i > 0 && (len(g) < 2 || len(g) > 3):
				return "", "", errNotAmount
			}
		}
	}
	intPart = strings.Join(groups, "")
	if intPart == "" && frac == "" {
		return "", "", errNotAmount
	}
	return intPart, frac, noErr
}
