package lemonsqueezy

import (
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

const (
	realOrders  = importertest.RealDir + "/lemonsqueezy/orders_export/lemonsqueezy.csv"
	realGumroad = importertest.RealDir + "/gumroad/sales_csv_2023_2024/gumroad.csv"
)

// TestRealOrders imports the dashboard's orders export (no status column).
// Counted over the raw file with a separate script: 500 orders, all USD,
// 275 free (no total), totals adding up to 22,185.90; 74 are orders
// migrated from Gumroad, each a purchase of the Gumroad sales export with
// the same buyer and amount.
func TestRealOrders(t *testing.T) {
	importertest.NeedReal(t)
	var notes []string
	h, rows := importertest.ReadCSV(t, realOrders)
	res := importertest.Run(t, h, rows, source, "payments", importers.Options{Note: func(s string) { notes = append(notes, s) }})
	if len(res.Records) != 500 || len(res.Rejected) != 0 || res.Skipped != 0 {
		t.Fatalf("records %d rejected %v skipped %d", len(res.Records), res.Rejected, res.Skipped)
	}
	if w := res.Detect[0]; w.Importer.Source() != source || w.Importer.Kind() != "payments" || w.Confidence < 0.9 {
		t.Errorf("detected as %s/%s %.2f", w.Importer.Source(), w.Importer.Kind(), w.Confidence)
	}
	var sum int64
	free := 0
	keys := map[string]bool{}
	migrated := map[string]*backend.Payment{}
	for _, r := range res.Records {
		p := r.(*backend.Payment)
		sum += p.Amount
		keys[p.Key()] = true
		if p.Amount == 0 {
			free++
		}
		if p.Currency != "usd" || p.Status != "paid" || p.CustomerEmail == "" || p.Created.Year() < 2023 {
			t.Errorf("%s: %s %s %q %s", p.ID, p.Currency, p.Status, p.CustomerEmail, p.Created)
		}
		if strings.HasPrefix(p.Key(), "gumroad:") {
			migrated[p.Key()] = p
		} else if p.Key() != "lemonsqueezy:"+p.ID || len(p.ID) != 36 {
			t.Errorf("key %s of order %s", p.Key(), p.ID)
		}
	}
	if sum != 2218590 || free != 275 || len(keys) != 500 || len(migrated) != 74 {
		t.Errorf("sum %d, free %d, keys %d, migrated %d", sum, free, len(keys), len(migrated))
	}
	if len(notes) != 2 || !strings.Contains(notes[0], "no status column") || !strings.Contains(notes[1], "migrated from Gumroad") {
		t.Errorf("notes %q", notes)
	}
	// The migrated orders are the Gumroad sales with the same key, buyer
	// and amount: one payment per sale when both files are imported.
	h, rows = importertest.ReadCSV(t, realGumroad)
	g := importertest.Run(t, h, rows, "gumroad", "payments", importers.Options{})
	found := 0
	for _, r := range g.Records {
		gp := r.(*backend.Payment)
		if lp := migrated[gp.Key()]; lp != nil {
			found++
			if !strings.EqualFold(lp.CustomerEmail, gp.CustomerEmail) || lp.Amount != gp.Amount {
				t.Errorf("%s: Lemon Squeezy %s %d, Gumroad %s %d", gp.Key(), lp.CustomerEmail, lp.Amount, gp.CustomerEmail, gp.Amount)
			}
		}
	}
	if found != 74 {
		t.Errorf("%d migrated orders found among the Gumroad sales, want 74", found)
	}
}

// TestRealPayoutStatements: the statements' sums, added up over the raw
// files by a separate script (Amount = Total + Refunds + Tax, Fee = −Platform
// Fee): 10 lines (8 orders, 1 refund, the payout fee) moving 952.64 with
// 70.61 of fees, 882.03 net; and 480 lines (479 orders, mostly $0, and the
// payout fee) moving 88.20 with 7.57 of fees, 80.63 net.
func TestRealPayoutStatements(t *testing.T) {
	importertest.NeedReal(t)
	for _, tt := range []struct {
		file             string
		lines            int
		types            map[string]int
		amount, fee, net int64
		refundOrder      string
		refundAmount     int64
	}{
		{"payout_statement_with_refund/payouts-fa877a68-a8a8-4bed-9dad-b3c6ca436fb9.csv", 10,
			map[string]int{"order": 8, "refund": 1, "payout_fee": 1}, 95264, 7061, 88203, "84725218", -8236},
		{"payout_statement/payouts-328a5c60-9c64-494f-b875-f007b29dc65e.csv", 480,
			map[string]int{"order": 479, "payout_fee": 1}, 8820, 757, 8063, "", 0},
	} {
		h, rows := importertest.ReadCSV(t, importertest.RealDir+"/lemonsqueezy/"+tt.file)
		res := importertest.Run(t, h, rows, source, "balance", importers.Options{})
		if w := res.Detect[0]; w.Importer.Source() != source || w.Importer.Kind() != "balance" || w.Confidence < 0.9 {
			t.Errorf("%s: detected as %s/%s", tt.file, w.Importer.Source(), w.Importer.Kind())
		}
		if len(res.Records) != tt.lines || len(res.Rejected) != 0 {
			t.Fatalf("%s: records %d rejected %v", tt.file, len(res.Records), res.Rejected)
		}
		var amount, fee, net int64
		types := map[string]int{}
		keys := map[string]bool{}
		for _, r := range res.Records {
			b := r.(*backend.BalanceTxn)
			amount, fee, net = amount+b.Amount, fee+b.Fee, net+b.Net
			types[b.Type]++
			keys[b.Key()] = true
			if b.Net != b.Amount-b.Fee || b.Currency != "usd" {
				t.Errorf("%s: %+v", b.Key(), b)
			}
			if b.Type == "refund" && (b.SourceID != tt.refundOrder || b.Amount != tt.refundAmount || b.Attrs["tax"] != "17.64") {
				t.Errorf("refund %+v", b)
			}
		}
		if amount != tt.amount || fee != tt.fee || net != tt.net || len(keys) != tt.lines {
			t.Errorf("%s: amount %d fee %d net %d, %d keys", tt.file, amount, fee, net, len(keys))
		}
		for k, n := range tt.types {
			if types[k] != n {
				t.Errorf("%s: types %v", tt.file, types)
			}
		}
	}
}
