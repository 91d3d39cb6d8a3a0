package columns

import (
	"strings"

	"keel/importers/csvfile"
)

// Column is one header column found by one of its aliases. Name is the
// spelling in the file (used in rejection reasons), Index is -1 when the
// file lacks it, and Minor reports an amount column that holds integer
// minor units (see Header.FindMoney).
type Column struct {
	Name  string
	Index int
	Minor bool
}

// OK reports whether the file has the column.
func (c Column) OK() bool { return c.Index >= 0 }

// Canon folds a header name for matching: lower case, with dots, spaces,
// dashes, brackets, parentheses and slashes turned into one underscore and
// question marks dropped. So "billing_cycle.interval",
// "billing_cycle_interval" and "Billing Cycle Interval" are one name, as
// are "items[0].quantity" and "items.0.quantity", and "Refunded?" and
// "refunded".
func Canon(s string) string {
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

// Header is a file's header with its names folded by Canon.
type Header struct {
	Names []string // original spelling, cleaned
	Canon []string // Names[i] folded by Canon
	src   *csvfile.Header
}

// NewHeader indexes h; a nil h has no columns. A lookup that finds a name
// h holds twice (once folded) is marked on h (csvfile.Header.Ambiguity).
func NewHeader(h *csvfile.Header) *Header {
	x := &Header{src: h}
	if h == nil {
		return x
	}
	for _, n := range h.Names {
		n = csvfile.CleanName(n)
		x.Names = append(x.Names, n)
		x.Canon = append(x.Canon, Canon(n))
	}
	return x
}

// Index returns the column of the first alias present, -1 when none is.
func (h *Header) Index(aliases ...string) int {
	for _, a := range aliases {
		a = Canon(a)
		first := -1
		for i, n := range h.Canon {
			if n == a {
				if first >= 0 {
					if h.src != nil {
						h.src.MarkAmbiguous(first, i)
					}
					break
				}
				first = i
			}
		}
		if first >= 0 {
			return first
		}
	}
	return -1
}

// Has reports whether any of the aliases is a column.
func (h *Header) Has(aliases ...string) bool { return h.Index(aliases...) >= 0 }

// Count is how many distinct columns the names find.
func (h *Header) Count(names ...string) int {
	found := map[int]bool{}
	for _, name := range names {
		if i := h.Index(name); i >= 0 {
			found[i] = true
		}
	}
	return len(found)
}

// Find returns the column of the first alias present; when none is, the
// column is named after the first alias, for the reason it is missing.
func (h *Header) Find(aliases ...string) Column {
	i := h.Index(aliases...)
	if i < 0 {
		return Column{Name: aliases[0], Index: -1}
	}
	return Column{Name: h.Names[i], Index: i}
}
