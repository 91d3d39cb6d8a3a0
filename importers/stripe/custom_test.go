package stripe

import (
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

// TestCustomColumns reads the real export whose founder left Currency
// and Status out of Stripe's column choice (3 rows, read by hand: one
// incomplete intent without an id, two charges of 8500.00 with Converted
// Amount 8500.00 and Fee 0.00). It imports, in the currency asked for,
// else the workspace's base currency, else USD, and the report says what
// was assumed.
func TestCustomColumns(t *testing.T) {
	importertest.NeedReal(t)
	h, rows := importertest.ReadCSV(t, importertest.RealDir+"/stripe/payments_custom_columns/unified_payments.csv")
	for _, tt := range []struct {
		name    string
		opt     importers.Options
		cur     string
		because string
	}{
		{"no workspace", importers.Options{}, "usd", "USD, Keel's default currency"},
		{"base currency", importers.Options{BaseCurrency: func() string { return "gbp" }}, "gbp", "GBP, the workspace's base currency"},
		{"chosen", importers.Options{Currency: "EUR", BaseCurrency: func() string { return "gbp" }}, "eur", "EUR, as chosen for this import"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var notes []string
			tt.opt.Note = func(s string) { notes = append(notes, s) }
			res := importertest.Run(t, h, rows, "stripe", "payments", tt.opt)
			if len(res.Records) != 2 || res.Skipped != 1 || len(res.Rejected) != 0 {
				t.Fatalf("records %d skipped %d rejected %v", len(res.Records), res.Skipped, res.Rejected)
			}
			for _, r := range res.Records {
				p := r.(*backend.Payment)
				if p.Amount != 850000 || p.Currency != tt.cur || p.Status != "paid" || p.Converted == nil || *p.Converted != 850000 ||
					p.ConvertedCurrency != tt.cur || p.Fee == nil || *p.Fee != 0 || !strings.HasPrefix(p.ID, "ch_") {
					t.Errorf("%+v", p)
				}
			}
			all := strings.Join(notes, "\n")
			if len(notes) != 2 || !strings.Contains(all, "no Currency column: every amount is read in "+tt.because) ||
				!strings.Contains(all, "no Status column: payments with an id are taken as succeeded") {
				t.Errorf("notes:\n%s", all)
			}
		})
	}
}

// TestNoStatusStatuses: without a Status column a payment with a decline
// reason failed, one refunded in whole is refunded, a row without id is an
// incomplete intent; with a Converted Currency column but no Currency,
// each row is read in its settlement currency.
func TestNoStatusStatuses(t *testing.T) {
	h, rows := importertest.ReadFrom(t, strings.NewReader(`id,Created date (UTC),Amount,Amount Refunded,Converted Amount,Converted Currency,Decline Reason
ch_1,2025-06-01 10:00:00,10.00,0.00,10.00,eur,
ch_2,2025-06-02 10:00:00,20.00,20.00,20.00,eur,
ch_3,2025-06-03 10:00:00,30.00,0.00,30.00,eur,card_declined
,2025-06-04 10:00:00,40.00,0.00,,,
ch_5,2025-06-05 10:00:00,500,0,500,jpy,
`), "no status")
	var notes []string
	res := importertest.Run(t, h, rows, "stripe", "payments", importers.Options{Note: func(s string) { notes = append(notes, s) }})
	want := []struct {
		status   string
		amount   int64
		currency string
	}{{"paid", 1000, "eur"}, {"refunded", 2000, "eur"}, {"failed", 3000, "eur"}, {"paid", 500, "jpy"}}
	if len(res.Records) != len(want) || res.Skipped != 1 {
		t.Fatalf("records %d skipped %d rejected %v", len(res.Records), res.Skipped, res.Rejected)
	}
	for i, w := range want {
		p := res.Records[i].(*backend.Payment)
		if p.Status != w.status || p.Amount != w.amount || p.Currency != w.currency {
			t.Errorf("row %d: %s %d %s, want %v", i, p.Status, p.Amount, p.Currency, w)
		}
	}
	if len(notes) != 2 || !strings.Contains(notes[0], "each payment is read in its Converted Currency") {
		t.Errorf("notes %q", notes)
	}
}
