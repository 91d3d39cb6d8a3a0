package csvfile

import (
	"strings"
	"time"

	"keel/backend"
)

// ParseTime parses the date and time formats found in exports, in loc when
// the text has no zone (nil means UTC):
//
//   - ISO: "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
//     'T' instead of the space, fractional seconds, "Z", "+07:00", "-0400"
//     and " UTC" zones (RFC 3339; Chargebee's "2016-06-03 12:43:50 -0400");
//     "2006/01/02" too;
//   - compact "20060102" (GA4) and "20060102150405";
//   - spreadsheet dates "26/11/2025 14:03", "26/11/2025", "26.11.2025",
//     "26-11-2025", two-digit years, with or without seconds and AM/PM:
//     day first, unless the second number is over 12 ("11/26/2025" is
//     month first); an ambiguous date like "03/04/2025" is read day first;
//   - month names: "26 Nov 2025", "26-Nov-2025", "Nov 26, 2025",
//     "Wed, 26 Nov 2025 14:03:00 +0000";
//   - Go's time.String: "2025-11-26 14:03:07.123 +0000 UTC";
//   - unix time: 10 digits (seconds) or 13 digits (milliseconds).
//
// Empty text, "null", and the placeholder dates "1900-01-01 00:00:00" and
// "0000-00-00" give ok=false with no error. Anything else is an error
// (*backend.Error, Invalid) like `"soon" is not a date`.
func ParseTime(s string, loc *time.Location) (t time.Time, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "null") || strings.HasPrefix(s, "0000-00-00") {
		return time.Time{}, false, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	t, good := parseTime(s, loc)
	if !good {
		return time.Time{}, false, backend.Errorf(backend.Invalid, "%s is not a date", quoteShort(s))
	}
	if placeholder(t) {
		return time.Time{}, false, nil
	}
	return t, true, nil
}

// placeholder reports the "no date" values spreadsheets and ETL tools
// write: midnight of 1900-01-01 and of Excel's day zero (1899-12-30/31).
func placeholder(t time.Time) bool {
	y, m, d := t.Date()
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return false
	}
	return y == 1900 && m == 1 && d == 1 || y == 1899 && m == 12 && (d == 30 || d == 31)
}

// quoteShort quotes s for a message, cut to a readable length.
func quoteShort(s string) string {
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return `"` + s + `"`
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// tparser is a cursor over the text of a date.
type tparser struct {
	s string
	i int
}

func (p *tparser) done() bool { return p.i >= len(p.s) }

func (p *tparser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *tparser) accept(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

func (p *tparser) spaces() {
	for p.peek() == ' ' || p.peek() == '\t' {
		p.i++
	}
}

// num reads up to 9 digits; n is how many were read.
func (p *tparser) num() (v, n int) {
	for n < 9 && p.i < len(p.s) && isDigit(p.s[p.i]) {
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
		n++
	}
	return v, n
}

// word reads a run of ASCII letters.
func (p *tparser) word() string {
	j := p.i
	for p.i < len(p.s) && isLetter(p.s[p.i]) {
		p.i++
	}
	return p.s[j:p.i]
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
	"nov": 11, "november": 11, "dec": 12, "december": 12,
}

var weekdays = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "wednesday": true, "thu": true, "thurs": true, "thursday": true,
	"fri": true, "friday": true, "sat": true, "saturday": true, "sun": true, "sunday": true,
}

func (p *tparser) month() (time.Month, bool) {
	m, ok := months[strings.ToLower(p.word())]
	p.accept('.') // "Sept."
	return m, ok
}

// year turns a 4- or 2-digit year into a full year (two digits: 70–99 are
// 1900s, 00–69 are 2000s).
func year(v, n int) (int, bool) {
	switch n {
	case 4:
		return v, true
	case 2:
		if v < 70 {
			return 2000 + v, true
		}
		return 1900 + v, true
	}
	return 0, false
}

func parseTime(s string, loc *time.Location) (time.Time, bool) {
	if t, ok := isoTime(s, loc); ok {
		return t, true
	}
	return parseAnyTime(s, loc)
}

func parseAnyTime(s string, loc *time.Location) (time.Time, bool) {
	if allDigits(s) {
		return parseDigits(s, loc)
	}
	p := &tparser{s: s}
	y, m, d, ok := p.date()
	if !ok || !validDate(y, m, d) {
		return time.Time{}, false
	}
	// Between date and time: 'T', spaces, or a comma ("Nov 26, 2025, 2:03 PM").
	if !p.accept('T') && !p.accept('t') {
		p.accept(',')
		p.spaces()
	}
	if p.done() {
		return time.Date(y, m, d, 0, 0, 0, 0, loc), true
	}
	h, mi, sec, ns, ok := p.clock()
	if !ok {
		return time.Time{}, false
	}
	zone, ok := p.zone(loc)
	if !ok || !p.done() {
		return time.Time{}, false
	}
	return time.Date(y, m, d, h, mi, sec, ns, zone), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// parseDigits reads "20060102", "20060102150405", unix seconds (10 digits)
// and unix milliseconds (13 digits).
func parseDigits(s string, loc *time.Location) (time.Time, bool) {
	atoi := func(t string) int {
		v := 0
		for i := 0; i < len(t); i++ {
			v = v*10 + int(t[i]-'0')
		}
		return v
	}
	switch len(s) {
	case 8, 14:
		y, m, d := atoi(s[0:4]), time.Month(atoi(s[4:6])), atoi(s[6:8])
		if !validDate(y, m, d) {
			return time.Time{}, false
		}
		h, mi, sec := 0, 0, 0
		if len(s) == 14 {
			h, mi, sec = atoi(s[8:10]), atoi(s[10:12]), atoi(s[12:14])
			if h > 23 || mi > 59 || sec > 59 {
				return time.Time{}, false
			}
		}
		return time.Date(y, m, d, h, mi, sec, 0, loc), true
	case 10:
		return time.Unix(int64(atoi(s)), 0).UTC(), true
	case 13:
		return time.UnixMilli(int64(atoi(s))).UTC(), true
	}
	return time.Time{}, false
}

func validDate(y int, m time.Month, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// date reads the date part in any of the accepted orders.
func (p *tparser) date() (y int, m time.Month, d int, ok bool) {
	// An optional weekday: "Wed, 26 Nov 2025", "Wednesday 26 November 2025".
	if isLetter(p.peek()) {
		save := p.i
		if weekdays[strings.ToLower(p.word())] {
			p.accept('.')
			p.accept(',')
			p.spaces()
		} else {
			p.i = save
		}
	}
	if isLetter(p.peek()) {
		// "Nov 26, 2025", "November 26 2025"
		if m, ok = p.month(); !ok {
			return
		}
		p.spaces()
		var nd int
		if d, nd = p.num(); nd < 1 || nd > 2 {
			return 0, 0, 0, false
		}
		p.accept(',')
		p.spaces()
		y, ok = year(p.num())
		return y, m, d, ok
	}

	a, na := p.num()
	if na == 0 {
		return
	}
	sep := p.peek()
	switch {
	case sep == '-' || sep == '/' || sep == '.':
		p.i++
		if isLetter(p.peek()) {
			// "26-Nov-2025"
			if m, ok = p.month(); !ok || na > 2 || !p.accept(sep) {
				return 0, 0, 0, false
			}
			y, ok = year(p.num())
			return y, m, a, ok
		}
		b, nb := p.num()
		if nb < 1 || nb > 2 || !p.accept(sep) {
			return
		}
		c, nc := p.num()
		if na == 4 { // year first: 2025-11-26, 2025/11/26
			if nc < 1 || nc > 2 {
				return
			}
			return a, time.Month(b), c, true
		}
		if na > 2 || nc < 1 || nc > 2 && nc != 4 {
			return
		}
		if y, ok = year(c, nc); !ok {
			return
		}
		// Day first, unless only month first makes sense.
		if a <= 12 && b > 12 {
			return y, time.Month(a), b, true
		}
		return y, time.Month(b), a, true
	case sep == ' ' && na <= 2:
		// "26 Nov 2025", "26 November 2025"
		p.spaces()
		if m, ok = p.month(); !ok {
			return
		}
		p.accept(',')
		p.spaces()
		y, ok = year(p.num())
		return y, m, a, ok
	}
	return
}

// clock reads "15:04", "15:04:05", fractions of a second after '.' or ','
// and an optional AM/PM.
func (p *tparser) clock() (h, mi, sec, ns int, ok bool) {
	var n int
	if h, n = p.num(); n < 1 || n > 2 || !p.accept(':') {
		return
	}
	if mi, n = p.num(); n != 2 {
		return
	}
	if p.accept(':') {
		if sec, n = p.num(); n != 2 {
			return
		}
		if p.peek() == '.' || p.peek() == ',' {
			p.i++
			scale := 100000000
			digits := 0
			for ; p.i < len(p.s) && isDigit(p.s[p.i]); p.i++ {
				if digits < 9 {
					ns += int(p.s[p.i]-'0') * scale
					scale /= 10
				}
				digits++
			}
			if digits == 0 {
				return
			}
		}
	}
	save := p.i
	p.spaces()
	switch w := strings.ToLower(p.word()); w {
	case "am", "pm":
		if h < 1 || h > 12 {
			return
		}
		h %= 12
		if w == "pm" {
			h += 12
		}
	case "":
	default:
		p.i = save
	}
	if h > 23 || mi > 59 || sec > 60 {
		return
	}
	return h, mi, sec, ns, true
}

// zone reads an optional zone after the time: "Z", "UTC", "GMT", "+07:00",
// "-0400", "+07", "UTC+2". Without one the time is in loc.
func (p *tparser) zone(loc *time.Location) (*time.Location, bool) {
	p.spaces()
	if p.done() {
		return loc, true
	}
	if p.accept('Z') || p.accept('z') {
		return time.UTC, true
	}
	save := p.i
	if w := strings.ToUpper(p.word()); w == "UTC" || w == "GMT" {
		p.spaces()
		if p.done() {
			return time.UTC, true
		}
	} else {
		p.i = save
	}
	sign := 1
	switch {
	case p.accept('+'):
	case p.accept('-'):
		sign = -1
	default:
		return nil, false
	}
	h, n := p.num()
	mi := 0
	switch {
	case n == 4: // -0400
		h, mi = h/100, h%100
	case n == 1 || n == 2:
		if p.accept(':') {
			var nm int
			if mi, nm = p.num(); nm != 2 {
				return nil, false
			}
		}
	default:
		return nil, false
	}
	if h > 18 || mi > 59 {
		return nil, false
	}
	// A zone abbreviation after the offset is redundant: "+0000 UTC" (Go's
	// time.String), "-0500 EST".
	save = p.i
	p.spaces()
	if w := p.word(); len(w) < 3 || len(w) > 5 || !p.done() {
		p.i = save
	}
	off := sign * (h*3600 + mi*60)
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}
