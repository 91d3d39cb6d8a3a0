package revenue

import (
	"os"
	"testing"
	"time"

	"keel/backend/workspace"
)

func TestZZPhases(t *testing.T) {
	p := os.Getenv("BENCHDB")
	if p == "" {
		t.Skip()
	}
	db, err := workspace.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for k := 0; k < 4; k++ {
		t0 := time.Now()
		lap := func(s string) { t.Logf("%-12s %v", s, time.Since(t0)); t0 = time.Now() }
		rows, _ := loadSubscriptions(db, false)
		lap("subs")
		subs := map[string]*subRow{}
		for _, s := range rows {
			subs[s.id] = s
		}
		invs, err := loadInvoices(db, false, false, splitKeys(rows))
		if err != nil {
			t.Fatal(err)
		}
		lap("invoices")
		tls, _ := fromInvoices(db, invs, subs, "period_end", false)
		lap("fromInvoices")
		_, err = fromPayments(db, map[string]bool{}, false)
		lap("payments")
		all, _ := timelines(db, "period_end", false, false)
		lap("timelines(all)")
		_ = tls
		_, _ = loadCustomers(db)
		lap("customers")
		rates, _ := LoadRates(db, "usd", time.UTC, false)
		lap("rates")
		ev := newEvaluator(all, rates, 2021*12, 2025*12+11, time.UTC)
		if _, err := ev.run(); err != nil {
			t.Fatal(err)
		}
		lap("evaluate")
		ids, _ := invoiceIDs(db, all)
		lap("invoiceIDs")
		publicTimelines(all, ids)
		lap("public")
	}
}
