// Package stripe reads the CSV files the Stripe Dashboard exports
// (payments, customers, subscriptions, invoices, balance "All activity",
// payouts) into canonical records.
// Each file kind is one importer registered with the importers registry.
//
// Columns are found by header name with aliases, never by position. Stripe
// writes its dates in UTC (the headers say so), so the importers ignore
// Options.Location. Amounts are decimal major units; they are parsed into
// minor units with the ISO 4217 exponent of the row's currency.
package stripe

import (
	"strings"

	"keel/backend/money"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

const source = "stripe"

// find returns the column of the first alias present. Stripe's headers
// are prose ("Amount Refunded"), so it matches as csvfile does (case and
// spaces only) rather than with the punctuation folding of columns.Header,
// which could make an alias match a different column.
func find(h *csvfile.Header, aliases ...string) columns.Column {
	i := h.Index(aliases...)
	if i < 0 || i >= len(h.Names) {
		return columns.Column{Name: aliases[0], Index: -1}
	}
	return columns.Column{Name: strings.TrimSpace(h.Names[i]), Index: i}
}

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

// metadataColumns lists the `<key> (metadata)` columns of h, kept in Attrs
// under key.
func metadataColumns(h *csvfile.Header) []columns.Attr {
	const suffix = "(metadata)"
	var ms []columns.Attr
	for i, name := range h.Names {
		n := strings.TrimSpace(name)
		if len(n) > len(suffix) && strings.EqualFold(n[len(n)-len(suffix):], suffix) {
			if key := strings.TrimSpace(n[:len(n)-len(suffix)]); key != "" {
				ms = append(ms, columns.Attr{Key: key, Index: i})
			}
		}
	}
	return ms
}

// rowHash is the stable key of a row without an id: "row:" + the hex
// SHA-256 of its raw fields joined by the unit separator.
func rowHash(row csvfile.Row) string {
	return "row:" + columns.RowHash(row.Fields...)
}

// testMode reports whether a row is a test-mode object: a `Mode` of Test,
// a `Livemode` of false, or an id containing `_test_`.
type testMode struct{ mode, livemode columns.Column }

func findTestMode(h *csvfile.Header) testMode {
	return testMode{find(h, "Mode"), find(h, "Livemode", "Live Mode")}
}

func (t testMode) of(row csvfile.Row, id string) bool {
	if strings.Contains(id, "_test_") {
		return true
	}
	if t.mode.OK() && strings.EqualFold(row.Get(t.mode.Index), "test") {
		return true
	}
	if t.livemode.OK() && strings.EqualFold(row.Get(t.livemode.Index), "false") {
		return true
	}
	return false
}

// readCurrency is Fields.Currency with Stripe's own reason for a code Keel
// does not know ("unknown currency"), which the Stripe importers have
// always given.
func readCurrency(f *columns.Fields, c columns.Column, required bool) (code string, exp int, ok bool) {
	if raw := f.Str(c); raw != "" {
		if _, known := money.Exponent(strings.ToLower(raw)); !known {
			f.Fail("unknown currency %q", raw)
			return "", 0, false
		}
	}
	return f.Currency(c, required)
}

// normStatus lowercases a status and joins its words with underscores
// ("Past Due" -> "past_due"). Unlike columns.NormStatus it keeps '-' and
// '_' as they are: Stripe's statuses are already written with '_'.
func normStatus(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "_")
}
