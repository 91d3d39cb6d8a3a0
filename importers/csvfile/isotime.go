package csvfile

import "time"

// isoTime reads the form machines write most, "2006-01-02T15:04:05",
// optionally with a fraction and a zero offset ("Z", "+00:00", "+0000"),
// or without a zone when loc is UTC, without time.Date: on a large export
// the general parser was a tenth of the import. It says false for
// anything else, which parseTime then reads in full.
func isoTime(s string, loc *time.Location) (time.Time, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	y, ok1 := num(s[0:4])
	mo, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	h, ok4 := num(s[11:13])
	mi, ok5 := num(s[14:16])
	sec, ok6 := num(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) ||
		h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	i, ns := 19, 0
	if i < len(s) && s[i] == '.' {
		i++
		scale, start := 100000000, i
		for ; i < len(s) && isDigit(s[i]); i++ {
			ns += int(s[i]-'0') * scale
			scale /= 10
		}
		if i == start || i-start > 9 {
			return time.Time{}, false
		}
	}
	switch rest := s[i:]; rest {
	case "":
		if loc != time.UTC {
			return time.Time{}, false
		}
	case "Z", "z", "+00:00", "-00:00", "+0000", "-0000":
	default:
		return time.Time{}, false
	}
	secs := daysFromCivil(y, mo, d)*86400 + int64(h*3600+mi*60+sec)
	return time.Unix(secs, int64(ns)).UTC(), true
}

// num reads a run of decimal digits.
func num(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
