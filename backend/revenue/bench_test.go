package revenue_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// benchCompany is built once per test process: 50,000 customers billed
// monthly (some yearly) over the 60 months 2021-01 … 2025-12, with
// sign-ups, upgrades, churn and win-backs, in usd, eur and jpy.
var benchCompany struct {
	once     sync.Once
	db       *workspace.DB
	dir      string
	invoices int
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchCompany.db != nil {
		benchCompany.db.Close()
		os.RemoveAll(benchCompany.dir)
	}
	os.Exit(code)
}

func buildBenchCompany() {
	bc := &benchCompany
	bc.dir, bc.err = os.MkdirTemp("", "keel-bench-")
	if bc.err != nil {
		return
	}
	db, err := workspace.Create(filepath.Join(bc.dir, "bench.keel"), "Bench")
	if err != nil {
		bc.err = err
		return
	}
	bc.db = db
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "bench", Source: "stripe", Kind: "invoices"})
	if err != nil {
		bc.err = err
		return
	}
	rng := rand.New(rand.NewPCG(50000, 60))
	month := func(m int, day int) time.Time { return time.Date(2021, time.Month(1+m), day, 9, 0, 0, 0, time.UTC) }
	put := func(r backend.Record) {
		if bc.err == nil {
			_, bc.err = b.Put(r)
		}
	}
	// A few payments a month price eur and jpy.
	for m := 0; m < 60; m++ {
		for _, c := range []struct {
			cur       string
			amt, conv int64
		}{{"eur", 10000, 10800 + int64(m%7)*50}, {"jpy", 10000, 6700 + int64(m%5)*20}} {
			conv := c.conv
			id := fmt.Sprintf("ch_%s_%d", c.cur, m)
			put(&backend.Payment{Source: "stripe", ID: id, RowKey: id, Created: month(m, 10), Amount: c.amt, Currency: c.cur,
				Converted: &conv, ConvertedCurrency: "usd", Status: "paid", Captured: true})
		}
	}
	for i := 0; i < 50000; i++ {
		cus := fmt.Sprintf("cus_B%05d", i)
		cur, price := "usd", int64(2900+1000*rng.IntN(8))
		switch r := rng.IntN(100); {
		case r < 10:
			cur = "eur"
		case r < 15:
			cur, price = "jpy", price*15
		}
		put(&backend.Customer{Source: "stripe", ID: cus, Email: cus + "@example.com", Name: "Customer " + cus[5:], Currency: cur})
		yearly := rng.IntN(10) == 0
		start, end := rng.IntN(24), 60
		if rng.IntN(4) == 0 {
			end = start + 1 + rng.IntN(60-start)
		}
		upgrade := -1
		if rng.IntN(5) == 0 {
			upgrade = start + rng.IntN(60-start)
		}
		nsubs := 1
		if end < 50 && rng.IntN(10) == 0 {
			nsubs = 2 // a win-back
		}
		for k := 0; k < nsubs; k++ {
			sid := fmt.Sprintf("sub_B%05d_%d", i, k)
			from, till := start, end
			if k == 1 {
				from, till = end+3, 60
			}
			day := 1 + rng.IntN(28)
			s := &backend.Subscription{Source: "stripe", ID: sid, CustomerID: cus, Status: "active", Plan: fmt.Sprintf("plan_%d", price/1000),
				Quantity: 1, Currency: cur, Interval: "month", IntervalCount: 1, Amount: price, Start: ptrT(month(from, day))}
			step := 1
			if yearly {
				s.Interval, s.Amount, step = "year", price*10, 12
			}
			if till < 60 {
				s.Status, s.CanceledAt, s.EndedAt = "canceled", ptrT(month(till, day)), ptrT(month(till, day))
			}
			put(s)
			for m := from; m < till; m += step {
				amount := s.Amount
				if m >= upgrade && upgrade >= 0 {
					amount += s.Amount / 2
				}
				d := month(m, day)
				put(&backend.Invoice{Source: "stripe", ID: fmt.Sprintf("in_B%05d_%d_%d", i, k, m), CustomerID: cus, SubscriptionID: sid,
					Status: "paid", Currency: cur, Date: d, PeriodStart: &d, Subtotal: amount, Total: amount, AmountPaid: amount, Paid: true})
				bc.invoices++
			}
		}
	}
	if bc.err != nil {
		b.Rollback()
		return
	}
	if bc.err = b.Commit(workspace.Counts{}); bc.err != nil {
		return
	}
	// As after any import finishes: the WAL folded into the file.
	bc.err = db.Checkpoint()
}

func ptrT(t time.Time) *time.Time { return &t }

// BenchmarkRevenueSeries times one revenue series (every month of five
// years, movements, plan mix and timelines) for 50,000 customers over 60
// months of invoices. Target: under 1 s.
func BenchmarkRevenueSeries(b *testing.B) {
	t0 := time.Now()
	benchCompany.once.Do(buildBenchCompany)
	if benchCompany.err != nil {
		b.Fatal(benchCompany.err)
	}
	b.Logf("workspace: 50,000 customers, %d invoices (built in %v, not timed)", benchCompany.invoices, time.Since(t0).Round(time.Second))
	from, to := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	var ser *revenue.Series
	var err error
	var total, best time.Duration
	n := 0
	for b.Loop() {
		// A rule written again (the same value) makes the series load the
		// workspace afresh, as after an import: the cold case is timed.
		if err := benchCompany.db.SetSetting(workspace.SettingChurnTiming, "period_end"); err != nil {
			b.Fatal(err)
		}
		t := time.Now()
		if ser, err = revenue.Compute(benchCompany.db, from, to); err != nil {
			b.Fatal(err)
		}
		d := time.Since(t)
		total += d
		if n == 0 || d < best {
			best = d
		}
		n++
	}
	b.ReportMetric((total / time.Duration(n)).Seconds(), "s/series")
	t := time.Now()
	if _, err := revenue.Compute(benchCompany.db, to.AddDate(0, -11, 0), to); err != nil {
		b.Fatal(err)
	}
	warm := time.Since(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	benchCompany.db.SetSetting(workspace.SettingChurnTiming, "period_end") // drops the kept basis
	ser = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	if ser, err = revenue.Compute(benchCompany.db, from, to); err != nil {
		b.Fatal(err)
	}
	last := ser.Months[len(ser.Months)-1]
	b.Logf("one series: %v on average, %v at best over %d runs (MRR %d, %d customers, %d subscriptions, %d movements in %s); "+
		"another series of the same data: %v; what is kept for it: %.0f MB",
		(total / time.Duration(n)).Round(time.Millisecond), best.Round(time.Millisecond), n, last.MRR, last.Customers,
		len(ser.Subscriptions), len(ser.Movements(last.Month, "")), last.Month, warm.Round(time.Millisecond),
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1e6)
}
