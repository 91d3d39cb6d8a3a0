package lemonsqueezy

// This file is shared, word for word, by the billing importers outside
// Stripe (paddle, lemonsqueezy, chargebee, gumroad, buymeacoffee); each
// package keeps its own copy so that the packages stay independent. Keep
// the copies identical.

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

// column is one header column found by one of its aliases. Name is the
// spelling in the file (used in rejection reasons), i is -1 when the file
// lacks it, and minor reports an amount column that holds integer minor
// units (see findMoney).
type column struct {
	Name  string
	i     int
	minor bool
}

func (c column) ok() bool { return c.i >= 0 }

// canon folds a header name for matching: lower case, with dots, spaces,
// dashes, brackets, parentheses and slashes turned into one underscore and
// question marks dropped. So "billing_cycle.interval",
// "billing_cycle_interval" and "Billing Cycle Interval" are one name, as
// are "items[0].quantity" and "items.0.quantity", and "Refunded?" and
// "refunded".
func canon(s string) string {
	s = csvfile.CleanName(s)
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case '.', ' ', '-', '[', ']', '(', ')', '/', '_', '\t':
			under = true
			continue
		case '?':
			continue
		}
		if under && b.Len() > 0 {
			b.WriteByte('_')
		}
		under = false
		b.WriteRune(r)
	}
	return b.String()
}

// headerIndex is a file's header with its names folded by canon.
type headerIndex struct {
	names []string // original spelling, cleaned
	canon []string
}

func newHeader(h *csvfile.Header) *headerIndex {
	x := &headerIndex{}
	if h == nil {
		return x
	}
	for _, n := range h.Names {
		n = csvfile.CleanName(n)
		x.names = append(x.names, n)
		x.canon = append(x.canon, canon(n))
	}
	return x
}

// index returns the column of the first alias present, -1 when none is.
func (h *headerIndex) index(aliases ...string) int {
	for _, a := range aliases {
		a = canon(a)
		for i, n := range h.canon {
			if n == a {
				return i
			}
		}
	}
	return -1
}

// has reports whether any of the aliases is a column.
func (h *headerIndex) has(aliases ...string) bool { return h.index(aliases...) >= 0 }

// count is how many distinct columns the names find.
func (h *headerIndex) count(names ...string) int {
	found := map[int]bool{}
	for _, name := range names {
		if i := h.index(name); i >= 0 {
			found[i] = true
		}
	}
	return len(found)
}

// find returns the column of the first alias present.
func (h *headerIndex) find(aliases ...string) column {
	i := h.index(aliases...)
	if i < 0 {
		return column{Name: aliases[0], i: -1}
	}
	return column{Name: h.names[i], i: i}
}

// findMoney finds an amount column and decides its unit from the spelling
// in the file. A name written the way the vendor's API writes its fields
// (lower case, no spaces: "total", "details.totals.total",
// "subscriptions.plan_amount") holds integer minor units, as the APIs of
// Paddle, Lemon Squeezy and Chargebee do ("1199" is 11.99 USD). Any other
// spelling ("Total", "Plan Amount", "Sale Price ($)") and the API's
// "…_formatted" and "…_in_decimal" fields hold decimal major units
// ("11.99", "$11.99").
func (h *headerIndex) findMoney(aliases ...string) column {
	c := h.find(aliases...)
	if c.ok() {
		cn := canon(c.Name)
		c.minor = apiStyle(c.Name) && !strings.HasSuffix(cn, "_formatted") && !strings.HasSuffix(cn, "_in_decimal")
	}
	return c
}

// apiStyle reports a header name spelled like an API field: no upper-case
// letter, no space, only letters, digits, '_', '.', '[' and ']'.
func apiStyle(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_', r == '.', r == '[', r == ']':
		default:
			return false
		}
	}
	return true
}

// requirement is one required column, or alternatives of which one must
// be present.
type requirement []column

// checkRequired returns the *backend.Error naming every requirement that
// the header does not meet, or nil.
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

// attrColumn is a column kept in Attrs under key.
type attrColumn struct {
	key string
	i   int
}

// attrColumns lists the columns to keep in Attrs: those whose folded name
// starts with one of the prefixes (the key is the rest of the folded name:
// "custom_data.plan_tier" -> "plan_tier"), and the named columns (the key
// is the column's name as written in the file).
func (h *headerIndex) attrColumns(prefixes []string, names ...string) []attrColumn {
	var out []attrColumn
	seen := map[int]bool{}
	for i, n := range h.canon {
		for _, p := range prefixes {
			p = canon(p) + "_"
			if len(n) > len(p) && strings.HasPrefix(n, p) {
				out = append(out, attrColumn{key: n[len(p):], i: i})
				seen[i] = true
				break
			}
		}
	}
	for _, name := range names {
		if i := h.index(name); i >= 0 && !seen[i] {
			out = append(out, attrColumn{key: h.names[i], i: i})
			seen[i] = true
		}
	}
	return out
}

// attrs collects the non-empty values of the attribute columns; nil when
// there are none.
func attrs(row csvfile.Row, cols []attrColumn) backend.Attrs {
	var a backend.Attrs
	for _, c := range cols {
		if v := row.Get(c.i); v != "" {
			if a == nil {
				a = backend.Attrs{}
			}
			a[c.key] = v
		}
	}
	return a
}

// setAttr sets a key in *a, allocating the map; empty values are skipped.
func setAttr(a *backend.Attrs, key, value string) {
	if value == "" {
		return
	}
	if *a == nil {
		*a = backend.Attrs{}
	}
	(*a)[key] = value
}

// rowHash is a stable hex digest of values joined by the unit separator.
func rowHash(values ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(values, "\x1f")))
	return hex.EncodeToString(sum[:])
}

// fields reads typed values out of one row, keeping the first problem as
// the reason the row is rejected.
type fields struct {
	row csvfile.Row
	num *numberStyle
	loc *time.Location // zone of timestamps without one; nil is UTC
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

// required reads a text that must not be empty when the column is there.
func (f *fields) required(c column) string {
	s := f.str(c)
	if s == "" && c.ok() {
		f.fail("%s is empty", c.Name)
	}
	return s
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
		f.fail("%s %q is not a currency code Keel knows", c.Name, raw)
		return "", 0, false
	}
	return code, exp, true
}

// amount reads an amount in minor units; empty or absent is 0.
func (f *fields) amount(c column, exp int) int64 {
	if p := f.optAmount(c, exp); p != nil {
		return *p
	}
	return 0
}

// requiredAmount reads an amount that must be there when the column is.
func (f *fields) requiredAmount(c column, exp int) int64 {
	if c.ok() && f.str(c) == "" {
		f.fail("%s is empty", c.Name)
		return 0
	}
	return f.amount(c, exp)
}

// optAmount reads an amount into minor units; nil when empty or absent.
// A minor-unit column must hold a whole number.
func (f *fields) optAmount(c column, exp int) *int64 {
	s := f.str(c)
	if s == "" {
		return nil
	}
	return f.amountOf(c, s, exp)
}

// amountOf reads s, a value of column c (or part of one), into minor
// units; nil after recording the problem.
func (f *fields) amountOf(c column, s string, exp int) *int64 {
	if c.minor {
		n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
		if err != nil {
			f.fail("%s %q is not a whole number: Keel reads a column spelled %q in minor units (cents), as the %s API writes it",
				c.Name, s, c.Name, vendor)
			return nil
		}
		return &n
	}
	n, err := f.num.parse(s, exp)
	if err != nil {
		f.fail("%s %q is not an amount", c.Name, s)
		return nil
	}
	return &n
}

// time reads a timestamp (RFC 3339, the export's own formats, unix
// seconds) in UTC; nil when empty or absent.
func (f *fields) time(c column) *time.Time {
	s := f.str(c)
	if s == "" {
		return nil
	}
	loc := f.loc
	if loc == nil {
		loc = time.UTC
	}
	t, ok, err := csvfile.ParseTime(s, loc)
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

// flag reads a boolean: true/false, 1/0, yes/no; empty is false.
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

// numberStyle decides, per file, whether decimal amounts use a decimal
// comma (a file re-saved by Excel in a comma-decimal locale). A value that
// reads only one way ("9,99", "1.234,56", "15.00") settles it for the rest
// of the file; an ambiguous one ("1,500") follows what the file showed so
// far (dot by default). If the chosen reading fails, the other is tried.
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

// decimalComma guesses from one amount whether its decimal mark is a
// comma; sure is false when the text reads both ways or has no mark.
func decimalComma(s string) (comma, sure bool) {
	dot, com := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && com >= 0:
		return com > dot, true
	case com >= 0:
		if strings.Count(s, ",") > 1 {
			return false, true
		}
		return true, digitsAfter(s, com) != 3
	case dot >= 0:
		if strings.Count(s, ".") > 1 {
			return true, true
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
// ("Past Due" -> "past_due", "Non Renewing" -> "non_renewing").
func normStatus(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t'
	}), "_")
}
