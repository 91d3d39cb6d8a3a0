// Package chargebee reads Chargebee exports into canonical records:
// customers, subscriptions, invoices and transactions (Payments).
//
// Chargebee exports a ZIP of CSV files, one per object (Customers.csv,
// Subscriptions.csv, Invoices.csv, Transactions.csv, …); the pipeline
// imports each member on its own, read from the archive in place. Each
// file kind is also read as a single CSV.
//
// Column names come in three spellings, all accepted: prefixed with the
// object as in the API exports ("subscriptions.id",
// "subscriptions.plan_amount"; a subscriptions file also carries
// "customers.id", "customers.email"), unprefixed API names ("id",
// "plan_amount"), and the dashboard's labels ("Subscription Id", "Plan
// Amount"). Timestamps are like "2016-06-03 12:43:50 -0400", RFC 3339, or
// unix seconds; a timestamp without a zone is read in Options.Location.
//
// Units of money are decided by the header, never per value: an API-style
// name (lower case, no spaces: "subscriptions.plan_amount", "total",
// "amount") holds integer minor units, as Chargebee's API does ("2900" is
// 29.00 USD); a label ("Plan Amount", "Amount", "Total") holds decimal
// major units ("29.00"). A decimal value in a minor-unit column is
// rejected with a reason rather than rescaled.
//
// Custom fields ("cf_…" columns, prefixed or not) are kept in Attrs.
package chargebee

import (
	"strings"

	"keel/importers/internal/columns"
)

const (
	source = "chargebee"
	vendor = "Chargebee"
)

// api lists, for each API field name, the prefixed and unprefixed
// spellings: api("subscriptions", "id") is "subscriptions.id", "id".
func api(object string, names ...string) []string {
	out := make([]string, 0, 2*len(names))
	for _, n := range names {
		out = append(out, object+"."+n, n)
	}
	return out
}

// also appends labels to a list of aliases.
func also(aliases []string, labels ...string) []string {
	return append(aliases, labels...)
}

// otherObjects are the prefixes of the other object files; a file whose
// header has one of their ids is not of the kind being detected.
func otherObjects(h *columns.Header, self string) bool {
	for _, o := range []string{"customers", "subscriptions", "invoices", "transactions", "credit_notes", "orders"} {
		if o != self && h.Has(o+".id") && !(self == "subscriptions" && o == "customers") {
			return true
		}
	}
	return false
}

// customColumns lists the custom-field columns of an object file
// ("subscriptions.cf_region", "cf_region", "CF Region"), kept in Attrs
// under "cf_…", followed by the named columns.
func customColumns(h *columns.Header, object string, names ...string) []columns.Attr {
	var out []columns.Attr
	for i, n := range h.Canon {
		n = strings.TrimPrefix(n, object+"_")
		if len(n) > 3 && strings.HasPrefix(n, "cf_") {
			out = append(out, columns.Attr{Key: n, Index: i})
		}
	}
	for _, c := range h.AttrColumns(nil, names...) {
		dup := false
		for _, o := range out {
			dup = dup || o.Index == c.Index
		}
		if !dup {
			c.Key = strings.TrimPrefix(c.Key, object+".")
			out = append(out, c)
		}
	}
	return out
}
