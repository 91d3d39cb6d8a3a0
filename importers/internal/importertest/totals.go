package importertest

import (
	"fmt"
	"strings"

	"keel/backend"
)

// Totals counts and sums the records by the groups that matter for
// metrics, in minor units.
func Totals(recs []backend.Record) string {
	t := NewTally()
	for _, r := range recs {
		t.Add(r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "test records: %d\nrecords with attrs: %d\n", t.Test, t.WithAttrs)
	b.WriteString(t.Sums.Table(t.Header))
	return b.String()
}

// Tally is what Totals counts, kept open so that a source can count some
// kinds its own way and leave the others to Add.
type Tally struct {
	Sums      Sums
	Header    string // the columns of Sums, per the kind of the last record
	Test      int    // test-mode records
	WithAttrs int    // records with attributes
}

// NewTally returns an empty Tally.
func NewTally() *Tally { return &Tally{Sums: Sums{}} }

// Add counts a billing record: per currency and status, with its amounts.
func (t *Tally) Add(rec backend.Record) {
	switch r := rec.(type) {
	case *backend.Payment:
		t.Header = "count amount refunded"
		t.Sums.Add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Amount, r.Refunded)
		if r.Converted != nil {
			t.Sums.Add(fmt.Sprintf("converted %s", r.ConvertedCurrency), *r.Converted, 0)
		}
		if r.Fee != nil {
			t.Sums.Add("fee", *r.Fee, 0)
		}
		if r.DisputedAmount != nil {
			t.Sums.Add("disputed "+r.DisputeStatus, *r.DisputedAmount, 0)
		}
		t.Flags(r.Test, r.Attrs)
	case *backend.Customer:
		t.Header = "count"
		t.Sums.Add(fmt.Sprintf("currency %q", r.Currency))
		t.Flags(r.Test, r.Attrs)
	case *backend.Subscription:
		t.Header = "count amount quantity"
		t.Sums.Add(fmt.Sprintf("%s %s %s/%d", r.Currency, r.Status, r.Interval, r.IntervalCount), r.Amount, r.Quantity)
		t.Flags(r.Test, r.Attrs)
	case *backend.Invoice:
		t.Header = "count subtotal discount tax total due paid"
		t.Sums.Add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Subtotal, r.Discount, r.Tax, r.Total, r.AmountDue, r.AmountPaid)
		t.Flags(r.Test, r.Attrs)
	}
}

// Flags counts a record's test mode and attributes.
func (t *Tally) Flags(test bool, attrs backend.Attrs) {
	if test {
		t.Test++
	}
	if attrs != nil {
		t.WithAttrs++
	}
}
