package revenue_test

import (
	"os"
	"testing"
	"time"

	"keel/backend/workspace"
)

func TestZZScan(t *testing.T) {
	p := os.Getenv("BENCHDB")
	if p == "" {
		t.Skip()
	}
	db, err := workspace.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = `WHERE subscription_id <> '' AND status NOT IN ('draft', 'void') AND (test = 0 OR 0)`
	for _, q := range []string{
		`SELECT subscription_id, subtotal - discount, status, test, COUNT(*), MIN(COALESCE(period_start, date) * 1073741824 + rowid), MAX(COALESCE(period_start, date) * 1073741824 + rowid) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT subscription_id, subtotal - discount, status, test, MIN(COALESCE(period_start, date) * 1073741824 + rowid), MAX(COALESCE(period_start, date) * 1073741824 + rowid) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT subscription_id, subtotal - discount, status, test, MIN(COALESCE(period_start, date) * 1073741824 + rowid), MAX(COALESCE(period_start, date)) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT subscription_id, subtotal - discount, status, test, MIN(period_start), MAX(period_start) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT subscription_id, subtotal, discount, status, test, MIN(period_start) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT subscription_id, subtotal, discount, status, test FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT subscription_id, subtotal, discount, status, test, MIN(COALESCE(period_start, date) * 1073741824 + rowid), MAX(COALESCE(period_start, date) * 1073741824 + rowid) FROM invoices GROUP BY 1,2,3,4,5`,
	} {
		t0 := time.Now()
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		t.Logf("%v %d %.150s", time.Since(t0), n, q)
	}
}
