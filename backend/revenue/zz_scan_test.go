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
	for _, q := range []string{
		`SELECT COUNT(*), SUM(COALESCE(period_start, date)), SUM(length(subscription_id)), SUM(subtotal-discount) FROM invoices WHERE subscription_id <> '' AND status NOT IN ('draft','void') AND test = 0`,
		`SELECT COUNT(*), SUM(COALESCE(period_start, date)), SUM(length(subscription_id)), SUM(subtotal-discount) FROM invoices WHERE subscription_id <> '' AND status NOT IN ('draft','void') AND test = 0`,
		`PRAGMA mmap_size=1000000000`,
		`SELECT COUNT(*), SUM(COALESCE(period_start, date)), SUM(length(subscription_id)), SUM(subtotal-discount) FROM invoices WHERE subscription_id <> '' AND status NOT IN ('draft','void') AND test = 0`,
	} {
		t0 := time.Now()
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
		t.Logf("%v %.60s", time.Since(t0), q)
	}
}
