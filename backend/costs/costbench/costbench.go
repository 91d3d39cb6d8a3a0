// Package costbench writes the workspace of the cost benchmark (app's
// BenchmarkCostsOverview50kAccounts5MEvents): 50,000 accounts and
// 5,000,000 events, for tests only.
package costbench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/costs"
	"keel/backend/workspace"
)

// The cost benchmark company: 50,000 Stripe customers on three plans,
// each an account with one product user, 5,000,000 PostHog events over
// the 12 months of 2025 (a few heavy users), 30,000 tickets and 2,000
// manual interventions. Written once per test process (KEEL_BENCH_CACHE
// keeps it between runs).
const (
	benchAccounts = 50_000
	benchEvents   = 5_000_000
)

var bench struct {
	once sync.Once
	path string
	err  error
}

// Open opens the benchmark workspace (written once per test process, or
// kept in $KEEL_BENCH_CACHE) with the clock in January 2026.
func Open(b testing.TB) *workspace.DB {
	b.Helper()
	bench.once.Do(func() {
		dir := os.Getenv("KEEL_BENCH_CACHE")
		if dir == "" {
			if dir, bench.err = os.MkdirTemp("", "keel-costs-bench-"); bench.err != nil {
				return
			}
		}
		bench.path = filepath.Join(dir, fmt.Sprintf("costs-%d-%d-v1.keel", benchAccounts, benchEvents))
		if _, err := os.Stat(bench.path); err == nil {
			return
		}
		start := time.Now()
		if bench.err = buildBench(bench.path + ".tmp"); bench.err == nil {
			bench.err = os.Rename(bench.path+".tmp", bench.path)
		}
		b.Logf("benchmark workspace written in %s", time.Since(start).Round(time.Second))
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	db, err := workspace.Open(bench.path)
	if err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC) }
	b.Cleanup(func() { db.Close() })
	return db
}

var benchEventNames = []string{"$pageview", "dashboard_viewed", "query_run", "report_created", "email_sent", "export_csv", "ai_call"}

func buildBench(path string) error {
	os.Remove(path)
	db, err := workspace.Create(path, "Bench")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(50, 5))
	batch, err := db.BeginImport(ctx, workspace.ImportMeta{File: "bench", Source: "stripe", Kind: "mixed"})
	if err != nil {
		return err
	}
	put := func(rec backend.Record) error { _, err := batch.Put(rec); return err }
	y0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	prices := []struct {
		plan, product string
		amount        int64
	}{{"price_starter", "Starter", 2900}, {"price_growth", "Growth", 9900}, {"price_scale", "Scale", 29900}}
	weight := make([]float64, benchAccounts)
	var total float64
	for i := range benchAccounts {
		email := fmt.Sprintf("owner%d@org%d.example", i, i)
		created := y0.AddDate(0, -r.IntN(24), -r.IntN(28))
		if err := put(&backend.Customer{Source: "stripe", ID: fmt.Sprint("cus_", i), Email: email, Name: fmt.Sprint("Org ", i), Created: &created}); err != nil {
			return err
		}
		p := prices[min(r.IntN(10)/4, 2)]
		sub := &backend.Subscription{Source: "stripe", ID: fmt.Sprint("sub_", i), CustomerID: fmt.Sprint("cus_", i), Status: "active",
			Plan: p.plan, Product: p.product, Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: p.amount, Start: &created}
		if r.IntN(5) == 0 {
			end := y0.AddDate(0, r.IntN(12), r.IntN(28))
			sub.Status, sub.EndedAt = "canceled", &end
		}
		if err := put(sub); err != nil {
			return err
		}
		weight[i] = r.ExpFloat64()
		if i%5000 == 0 {
			weight[i] *= 300 // a heavy user now and then
		}
		total += weight[i]
	}
	span := int64(365 * 86400)
	n := 0
	for i := range benchAccounts {
		k := int(weight[i] / total * benchEvents)
		email := fmt.Sprintf("owner%d@org%d.example", i, i)
		for range k {
			n++
			at := y0.Add(time.Duration(r.Int64N(span)) * time.Second)
			e := &backend.Event{Source: "posthog", ID: strconv.Itoa(n), Name: benchEventNames[r.IntN(len(benchEventNames))], DistinctID: email, Time: at}
			if n%10 == 0 {
				e.Email = email
			}
			if err := put(e); err != nil {
				return err
			}
		}
	}
	for ; n < benchEvents; n++ {
		at := y0.Add(time.Duration(r.Int64N(span)) * time.Second)
		if err := put(&backend.Event{Source: "posthog", ID: strconv.Itoa(n + 1), Name: "$pageview", DistinctID: fmt.Sprint("visitor-", n%40000), Time: at}); err != nil {
			return err
		}
	}
	for t := range 30_000 {
		i := r.IntN(benchAccounts)
		if err := put(&backend.Ticket{Source: "zendesk", ID: strconv.Itoa(t), RequesterEmail: fmt.Sprintf("owner%d@org%d.example", i, i),
			Created: y0.Add(time.Duration(r.Int64N(span)) * time.Second)}); err != nil {
			return err
		}
	}
	if err := batch.Commit(workspace.Counts{Read: n, Imported: n}); err != nil {
		return err
	}
	for m := range 2000 {
		i := r.IntN(benchAccounts)
		if _, err := db.AddManualWork(backend.ManualWork{At: y0.Add(time.Duration(r.Int64N(span)) * time.Second), Account: fmt.Sprintf("owner%d@org%d.example", i, i),
			Type: backend.ManualKinds[m%len(backend.ManualKinds)], Minutes: int64(5 + r.IntN(60))}); err != nil {
			return err
		}
	}
	for _, d := range []backend.CostDriver{
		{Name: "E-mails sent", Unit: "e-mail", Source: "events", Events: []string{"email_sent"}, UnitCost: "0.12"},
		{Name: "AI calls", Unit: "call", Source: "events", Events: []string{"ai_call"}, UnitCost: "1.8"},
		{Name: "Exports", Unit: "export", Source: "events", Events: []string{"export_csv", "report_created"}, UnitCost: "0.05"},
		{Name: "Support minutes", Unit: "support minute", Source: "support", UnitCost: "60"},
		{Name: "Manual minutes", Unit: "manual minute", Source: "manual", UnitCost: "80"},
	} {
		if _, err := costs.SaveDriver(db, d, "usd"); err != nil {
			return err
		}
	}
	if err := accounts.Refresh(ctx, db); err != nil {
		return err
	}
	return db.Checkpoint()
}
