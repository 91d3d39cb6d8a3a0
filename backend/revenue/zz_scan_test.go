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
		`SELECT g.*, i.id FROM (SELECT subscription_id, subtotal - discount, status, test, COUNT(*), MIN(COALESCE(period_start, date) * 1073741824 + rowid) AS f, MAX(COALESCE(period_start, date) * 1073741824 + rowid) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test) g JOIN invoices i ON i.rowid = (g.f & 1073741823)`,
		`SELECT subscription_id, subtotal - discount, status, test, COUNT(*), MIN(COALESCE(period_start, date) * 1073741824 + rowid), MAX(COALESCE(period_start, date) * 1073741824 + rowid) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test`,
		`SELECT g.*, i.id FROM (SELECT subscription_id, subtotal - discount, status, test, COUNT(*), MIN(COALESCE(period_start, date) * 1073741824 + rowid) AS f, MAX(COALESCE(period_start, date) * 1073741824 + rowid) FROM invoices GROUP BY subscription_id, subtotal, discount, status, test) g JOIN invoices i ON i.rowid = (g.f & 1073741823)`,
	} {
		t0 := time.Now()
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if n == 0 && q[0] == 'E' {
				var a, b, c any
				var d string
				rows.Scan(&a, &b, &c, &d)
				t.Log(d)
			}
			n++
		}
		rows.Close()
		t.Logf("%v %d %.150s", time.Since(t0), n, q)
	}
}
