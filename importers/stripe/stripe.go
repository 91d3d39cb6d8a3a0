// Package stripe reads the CSV files the Stripe Dashboard exports
// (payments, customers, subscriptions, invoices) into canonical records.
// Each file kind is one importer registered with the importers registry.
//
// Columns are found by header name with aliases, never by position. Stripe
// writes its dates in UTC (the headers say so), so the importers ignore
// Options.Location. Amounts are decimal major units; they are parsed into
// minor units with the ISO 4217 exponent of the row's currency.
package stripe

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/importers/csvfile"
)

const source = "stripe"

// column is one header column found by its aliases; Name is the spelling
// in the file (for rejection reasons), i is -1 when the file lacks it.
type column struct {
	Name string
	i    int
}

func find(h *csvfile.Header, aliases ...string) column {
	i := h.Index(aliases...)
	if i < 0 || i >= len(h.Names) {
		return column{Name: aliases[0], i: -1}
	}
	return column{Name: strings.TrimSpace(h.Names[i]), i: i}
}

func (c column) ok() bool { return c.i >= 0 }

// has reports whether any of the aliases is a column of h.
func has(h *csvfile.Header, aliases ...string) bool { return h.Index(aliases...) >= 0 }

// count is how many of the names are columns of h.
func count(h *csvfile.Header, names ...string) int {
	n := 0
	for _, name := range names {
		if h.Index(name) >= 0 {
			n++
		}
	}
	return n
}

// requirement is one required column, or a set of alternatives of which
// one must be present.
type requirement []column

// checkRequired returns the *backend.Error naming every requirement that the
// header does not meet, or nil.
func checkRequired(label string, reqs ...requirement) error {
	var missing []string
	for _, r := range reqs {
		found := false
		var names []string
		for _, c := range r {
			if c.ok() {
				found = true
			}
			names = append(names, strconv.Quote(c.Name))
		}
		if !found {
			missing = append(missing, strings.Join(names, " or "))
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return backend.Errorf(backend.Invalid, "this is not a %s export: the column %s is missing", label, missing[0])
	default:
		return backend.Errorf(backend.Invalid, "this is not a %s export: the columns %s and %s are missing",
			label, strings.Join(missing[:len(missing)-1], ", "), missing[len(missing)-1])
	}
}

// metaColumn is a `key (metadata)` column kept in Attrs.
type metaColumn struct {
	key string
	i   int
}

// metadataColumns lists the `<key> (metadata)` columns of h.
func metadataColumns(h *csvfile.Header) []metaColumn {
	const suffix = "(metadata)"
	var ms []metaColumn
	for i, name := range h.Names {
		n := strings.TrimSpace(name)
		if len(n) > len(suffix) && strings.EqualFold(n[len(n)-len(suffix):], suffix) {
			if key := strings.TrimSpace(n[:len(n)-len(suffix)]); key != "" {
				ms = append(ms, metaColumn{key, i})
			}
		}
	}
	return ms
}

// attrs collects the non-empty metadata values of a row; nil when none.
func attrs(row csvfile.Row, ms []metaColumn) backend.Attrs {
	var a backend.Attrs
	for _, m := range ms {
		if v := row.Get(m.i); v != "" {
			if a == nil {
				a = backend.Attrs{}
			}
			a[m.key] = v
		}
	}
	return a
}

// rowHash is the stable key of a row without an id: "row:" + the hex
// SHA-256 of its raw fields joined by the unit separator.
func rowHash(row csvfile.Row) string {
	sum := sha256.Sum256([]byte(strings.Join(row.Fields, "\x1f")))
	return "row:" + hex.EncodeToString(sum[:])
}

// testMode reports whether a row is a test-mode object: a `Mode` of Test,
// a `Livemode` of false, or an id containing `_test_`.
type testMode struct{ mode, livemode column }

func findTestMode(h *csvfile.Header) testMode {
	return testMode{find(h, "Mode"), find(h, "Livemode", "Live Mode")}
}

func (t testMode) of(row csvfile.Row, id string) bool {
	if strings.Contains(id, "_test_") {
		return true
	}
	if t.mode.ok() && strings.EqualFold(row.Get(t.mode.i), "test") {
		return true
	}
	if t.livemode.ok() && strings.EqualFold(row.Get(t.livemode.i), "false") {
		return true
	}
	return false
}

// fields reads typed values out of one row, keeping the first problem as
// the reason the row is rejected.
type fields struct {
	row csvfile.Row
	num *numberStyle
	err error
}

func (f *fields) fail(format string, args ...any) {
	if f.err == nil {
		f.err = backend.Errorf(backend.Invalid, format, args...)
	}
}

// str is the trimmed text of c, "" when the file lacks the column.
func (f *fields) str(c column) string {
	if !c.ok() {
		return ""
	}
	return f.row.Get(c.i)
}

// currency reads a currency code and its exponent. An empty value is an
// error when required; ok is false when there is no usable currency.
func (f *fields) currency(c column, required bool) (code string, exp int, ok bool) {
	raw := f.str(c)
	if raw == "" {
		if required {
			f.fail("%s is empty", c.Name)
		}
		return "", 0, false
	}
	code = strings.ToLower(raw)
	exp, ok = money.Exponent(code)
	if !ok {
		f.fail("unknown currency %q", raw)
		return "", 0, false
	}
	return code, exp, true
}

// amount reads an amount in minor units; empty is 0.
func (f *fields) amount(c column, exp int) int64 {
	if p := f.optAmount(c, exp); p != nil {
		return *p
	}
	return 0
}

// requiredAmount reads an amount that must be there.
func (f *fields) requiredAmount(c column, exp int) int64 {
	if c.ok() && f.str(c) == "" {
		f.fail("%s is empty", c.Name)
		return 0
	}
	return f.amount(c, exp)
}

// optAmount reads an amount in minor units; nil when empty or absent.
func (f *fields) optAmount(c column, exp int) *int64 {
	s := f.str(c)
	if s == "" {
		return nil
	}
	n, err := f.num.parse(s, exp)
	if err != nil {
		f.fail("%s %q is not an amount", c.Name, s)
		return nil
	}
	return &n
}

// time reads a UTC timestamp; nil when empty or absent.
func (f *fields) time(c column) *time.Time {
	s := f.str(c)
	if s == "" {
		return nil
	}
	t, ok, err := csvfile.ParseTime(s, time.UTC)
	if err != nil {
		f.fail("%s %q is not a date", c.Name, s)
		return nil
	}
	if !ok {
		return nil
	}
	t = t.UTC()
	return &t
}

// requiredTime reads a timestamp that must be there when the column is.
func (f *fields) requiredTime(c column) time.Time {
	if !c.ok() {
		return time.Time{}
	}
	if f.str(c) == "" {
		f.fail("%s is empty", c.Name)
		return time.Time{}
	}
	if t := f.time(c); t != nil {
		return *t
	}
	return time.Time{}
}

// flag reads a boolean (true/false as Stripe writes, and the usual
// spellings of re-saved files); empty is false.
func (f *fields) flag(c column) bool {
	s := f.str(c)
	switch strings.ToLower(s) {
	case "", "false", "no", "0", "n", "f":
		return false
	case "true", "yes", "1", "y", "t":
		return true
	}
	f.fail("%s %q is not true or false", c.Name, s)
	return false
}

// integer reads a whole number; def when empty or absent.
func (f *fields) integer(c column, def int64) int64 {
	s := f.str(c)
	if s == "" {
		return def
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ".00"), 10, 64)
	if err != nil {
		f.fail("%s %q is not a whole number", c.Name, s)
		return def
	}
	return n
}

// numberStyle decides, per file, whether amounts use a decimal comma. The
// reading layer knows the separator but Bind only gets the header, so the
// style is inferred from the amounts themselves: a value that can only be
// read one way ("9,99", "1.234,56", "15.00") settles it for the rest of
// the file, and an ambiguous one ("1,500", "1.500") follows what the file
// showed so far (dot by default, as Stripe writes). If the chosen reading
// fails, the other one is tried.
type numberStyle struct {
	known bool
	comma bool
}

func (n *numberStyle) parse(s string, exp int) (int64, error) {
	comma, sure := decimalComma(s)
	if !sure {
		comma = n.known && n.comma
	}
	v, err := money.Parse(s, exp, comma)
	if err != nil {
		v2, err2 := money.Parse(s, exp, !comma)
		if err2 != nil {
			return 0, err
		}
		v, comma, sure = v2, !comma, false
	}
	if sure {
		n.known, n.comma = true, comma
	}
	return v, nil
}

// decimalComma guesses from one amount's text whether its decimal mark is
// a comma; sure is false when the text reads both ways or has no mark.
func decimalComma(s string) (comma, sure bool) {
	dot, com := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && com >= 0:
		return com > dot, true
	case com >= 0:
		if strings.Count(s, ",") > 1 {
			return false, true // 1,234,567
		}
		return true, digitsAfter(s, com) != 3
	case dot >= 0:
		if strings.Count(s, ".") > 1 {
			return true, true // 1.234.567
		}
		return false, digitsAfter(s, dot) != 3
	}
	return false, false
}

func digitsAfter(s string, i int) int {
	n := 0
	for _, r := range s[i+1:] {
		if r < '0' || r > '9' {
			break
		}
		n++
	}
	return n
}

// normStatus lowercases a status and joins its words with underscores
// ("Past Due" -> "past_due").
func normStatus(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "_")
}
