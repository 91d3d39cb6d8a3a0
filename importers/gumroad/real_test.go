package gumroad

import (
	"testing"

	"keel/backend"
	"keel/importers/internal/importertest"
)

// TestRealSales imports the real Sales CSV (80 purchases and Gumroad's own
// Totals row). Its sums must equal that Totals row (Sale Price 8844.22,
// Fees 1154.40); the refunds were added up by hand: five full refunds
// (69.99 + 4 × 99.99) and one partial refund of 30.00, 499.95 in all.
func TestRealSales(t *testing.T) {
	importertest.NeedReal(t)
	_, res := importertest.ImportFile(t, importertest.RealDir+"/gumroad/sales_csv_2023_2024/gumroad.csv", source, "payments", false)
	if len(res.Records) != 80 || res.Skipped != 1 || len(res.Rejected) != 0 {
		t.Fatalf("records %d skipped %d rejected %v", len(res.Records), res.Skipped, res.Rejected)
	}
	var amount, fees, refunded int64
	status := map[string]int{}
	emails := map[string]bool{}
	for _, r := range res.Records {
		p := r.(*backend.Payment)
		amount += p.Amount
		fees += *p.Fee
		refunded += p.Refunded
		status[p.Status]++
		emails[p.CustomerEmail] = true
		if p.Currency != "usd" || p.Created.Year() < 2023 || p.Created.Year() > 2024 {
			t.Errorf("%s: %s at %s", p.ID, p.Currency, p.Created)
		}
	}
	if amount != 884422 || fees != 115440 || refunded != 49995 {
		t.Errorf("amount %d fees %d refunded %d", amount, fees, refunded)
	}
	if status["paid"] != 75 || status["refunded"] != 5 || len(status) != 2 || len(emails) != 79 {
		t.Errorf("statuses %v, %d buyers", status, len(emails))
	}
}
