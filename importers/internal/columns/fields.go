package columns

import (
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/importers/csvfile"
)

// Fields reads typed values out of one row, keeping the first problem in
// Err as the reason the row is rejected, so that a Bind reads every field
// and checks once.
type Fields struct {
	Row    csvfile.Row
	Num    *NumberStyle   // shared by the rows of one file
	Loc    *time.Location // zone of timestamps without one; nil is UTC
	Vendor string         // whose API a minor-unit column follows ("Paddle"), for reasons
	Err    error
}

// Fail records a problem unless one is already recorded.
func (f *Fields) Fail(format string, args ...any) {
	if f.Err == nil {
		f.Err = backend.Errorf(backend.Invalid, format, args...)
	}
}

// Str is the trimmed text of c, "" when the file lacks the column.
func (f *Fields) Str(c Column) string {
	if !c.OK() {
		return ""
	}
	return f.Row.Get(c.Index)
}

// Required reads a text that must not be empty when the column is there.
func (f *Fields) Required(c Column) string {
	s := f.Str(c)
	if s == "" && c.OK() {
		f.Fail("%s is empty", c.Name)
	}
	return s
}

// Currency reads a currency code and its exponent. An empty value is an
// error when required; ok is false when there is no usable currency.
func (f *Fields) Currency(c Column, required bool) (code string, exp int, ok bool) {
	raw := f.Str(c)
	if raw == "" {
		if required {
			f.Fail("%s is empty", c.Name)
		}
		return "", 0, false
	}
	code = strings.ToLower(raw)
	exp, ok = money.Exponent(code)
	if !ok {
		f.Fail("%s %q is not a currency code Keel knows", c.Name, raw)
		return "", 0, false
	}
	return code, exp, true
}

// Amount reads an amount in minor units; empty or absent is 0.
func (f *Fields) Amount(c Column, exp int) int64 {
	if p := f.OptAmount(c, exp); p != nil {
		return *p
	}
	return 0
}

// RequiredAmount reads an amount that must be there when the column is.
func (f *Fields) RequiredAmount(c Column, exp int) int64 {
	if c.OK() && f.Str(c) == "" {
		f.Fail("%s is empty", c.Name)
		return 0
	}
	return f.Amount(c, exp)
}

// OptAmount reads an amount into minor units; nil when empty or absent.
// A minor-unit column must hold a whole number.
func (f *Fields) OptAmount(c Column, exp int) *int64 {
	s := f.Str(c)
	if s == "" {
		return nil
	}
	return f.AmountOf(c, s, exp)
}

// AmountOf reads s, a value of column c (or part of one), into minor
// units; nil after recording the problem.
func (f *Fields) AmountOf(c Column, s string, exp int) *int64 {
	if c.Minor {
		n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
		if err != nil {
			f.Fail("%s %q is not a whole number: Keel reads a column spelled %q in minor units (cents), as the %s API writes it",
				c.Name, s, c.Name, f.Vendor)
			return nil
		}
		return &n
	}
	n, err := f.Num.parse(s, exp)
	if err != nil {
		f.Fail("%s %q is not an amount", c.Name, s)
		return nil
	}
	return &n
}

// Time reads a timestamp (RFC 3339, the export's own formats, unix
// seconds) in UTC; nil when empty or absent.
func (f *Fields) Time(c Column) *time.Time {
	s := f.Str(c)
	if s == "" {
		return nil
	}
	loc := f.Loc
	if loc == nil {
		loc = time.UTC
	}
	t, ok, err := csvfile.ParseTime(s, loc)
	if err != nil {
		f.Fail("%s %q is not a date", c.Name, s)
		return nil
	}
	if !ok {
		return nil
	}
	t = t.UTC()
	return &t
}

// RequiredTime reads a timestamp that must be there when the column is.
func (f *Fields) RequiredTime(c Column) time.Time {
	if !c.OK() {
		return time.Time{}
	}
	s := f.Str(c)
	if s == "" {
		f.Fail("%s is empty", c.Name)
		return time.Time{}
	}
	if t := f.Time(c); t != nil {
		return *t
	}
	// Not an error to ParseTime, and no date: a placeholder ("1900-01-01
	// 00:00:00", "0000-00-00", "null"), which a required date cannot be.
	f.Fail("%s %q is a placeholder, not a date", c.Name, s)
	return time.Time{}
}

// Flag reads a boolean: true/false, 1/0, yes/no; empty is false.
func (f *Fields) Flag(c Column) bool {
	s := f.Str(c)
	switch strings.ToLower(s) {
	case "", "false", "no", "0", "n", "f":
		return false
	case "true", "yes", "1", "y", "t":
		return true
	}
	f.Fail("%s %q is not true or false", c.Name, s)
	return false
}

// Integer reads a whole number; def when empty or absent.
func (f *Fields) Integer(c Column, def int64) int64 {
	s := f.Str(c)
	if s == "" {
		return def
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ".00"), 10, 64)
	if err != nil {
		f.Fail("%s %q is not a whole number", c.Name, s)
		return def
	}
	return n
}
