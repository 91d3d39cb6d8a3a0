package product_test

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
	"keel/backend/product"
	"keel/backend/workspace"
)

// The benchmark company: 5,000,000 PostHog events over the 24 months
// 2024-01 … 2025-12 from ~25,000 people at 6,000 organisations and 4,000
// solo users on public mail domains (each first browsing anonymously,
// then identified at signed_up), plus 40,000 anonymous visitors; 5,000
// Stripe customers and 20,000 tickets. It is written once per test
// process through workspace batches, outside the timed part (set
// KEEL_BENCH_CACHE to a folder to keep it between runs).
const benchEvents = 5_000_000

var bench struct {
	once sync.Once
	path string
	err  error
	made time.Duration
}

func benchWorkspace(b *testing.B) *workspace.DB {
	b.Helper()
	bench.once.Do(func() {
		dir := os.Getenv("KEEL_BENCH_CACHE")
		if dir == "" {
			dir, bench.err = os.MkdirTemp("", "keel-product-bench-")
			if bench.err != nil {
				return
			}
		}
		bench.path = filepath.Join(dir, fmt.Sprintf("events-%d-v1.keel", benchEvents))
		if _, err := os.Stat(bench.path); err == nil {
			return
		}
		start := time.Now()
		bench.err = buildBench(bench.path + ".tmp")
		if bench.err == nil {
			bench.err = os.Rename(bench.path+".tmp", bench.path)
		}
		bench.made = time.Since(start)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	db, err := workspace.Open(bench.path)
	if err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	b.Cleanup(func() { db.Close() })
	if bench.made > 0 {
		b.Logf("benchmark workspace written in %s: %s", bench.made.Round(time.Second), bench.path)
	}
	return db
}

var benchNames = []string{"$pageview", "dashboard_viewed", "query_run", "report_created", "report_shared", "export_csv",
	"alert_created", "project_created", "data_source_connected", "invite_sent"}

func buildBench(path string) error {
	os.Remove(path)
	db, err := workspace.Create(path, "Bench")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 24))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(end.Sub(start) / time.Second)

	batch, err := db.BeginImport(ctx, workspace.ImportMeta{File: "bench", Source: "posthog", Kind: "events"})
	if err != nil {
		return err
	}
	n := 0
	put := func(rec backend.Record) error {
		_, err := batch.Put(rec)
		return err
	}
	ev := func(distinct, email, name string, at time.Time) error {
		n++
		return put(&backend.Event{Source: "posthog", ID: "e" + strconv.Itoa(n), Name: name, DistinctID: distinct, Email: email, Time: at})
	}
	type person struct {
		email string
		join  time.Time
		rate  float64 // events per day while active
		until time.Time
	}
	var people []person
	for c := range 10_000 {
		join := start.Add(time.Duration(r.Int64N(span*9/10)) * time.Second)
		size, domain := 1+r.IntN(6), fmt.Sprintf("org%d.io", c)
		if c >= 6000 {
			size, domain = 1, []string{"gmail.com", "outlook.com", "yahoo.com"}[c%3]
		}
		until := end
		if r.IntN(3) == 0 {
			until = join.Add(time.Duration(30+r.IntN(300)) * 24 * time.Hour)
		}
		for j := range size {
			email := fmt.Sprintf("user%d.%d@%s", c, j, domain)
			people = append(people, person{email, join.Add(time.Duration(j*r.IntN(20)) * 24 * time.Hour), 0.2 + 3*r.Float64()*r.Float64(), until})
		}
		if c < 5000 {
			if err := put(&backend.Customer{Source: "stripe", ID: fmt.Sprintf("cus_%d", c), Email: people[len(people)-size].email, Name: fmt.Sprint("Org ", c), Created: &join}); err != nil {
				return err
			}
		}
	}
	// Scale activity so that the total lands on benchEvents.
	budget := float64(benchEvents - 40_000*2 - len(people)*4)
	var want float64
	for _, p := range people {
		want += p.rate * p.until.Sub(p.join).Hours() / 24
	}
	k := budget / want
	for i, p := range people {
		anon := fmt.Sprintf("anon-%d", i)
		for _, err := range []error{
			ev(anon, "", "$pageview", p.join.Add(-time.Hour)),
			ev(anon, "", "$pageview", p.join.Add(-time.Minute)),
			ev(anon, p.email, "signed_up", p.join),
			ev(p.email, p.email, "project_created", p.join.Add(time.Minute)),
		} {
			if err != nil {
				return err
			}
		}
		days := int(p.until.Sub(p.join).Hours() / 24)
		total := int(p.rate*k*float64(days) + 0.5)
		for range total {
			at := p.join.Add(time.Duration(r.Int64N(int64(days)*86400+1)) * time.Second)
			if err := ev(p.email, "", benchNames[min(r.IntN(len(benchNames)+2), len(benchNames)-1)], at); err != nil {
				return err
			}
		}
	}
	for v := 0; n < benchEvents; v++ {
		at := start.Add(time.Duration(r.Int64N(span)) * time.Second)
		if err := ev(fmt.Sprintf("visitor-%d", v%40_000), "", "$pageview", at); err != nil {
			return err
		}
	}
	for t := range 20_000 {
		p := people[r.IntN(len(people))]
		if err := put(&backend.Ticket{Source: "zendesk", ID: strconv.Itoa(t), RequesterEmail: p.email, Created: p.join.Add(time.Duration(r.IntN(400)) * 24 * time.Hour)}); err != nil {
			return err
		}
	}
	if err := batch.Commit(workspace.Counts{Read: n, Imported: n}); err != nil {
		return err
	}
	if err := db.SetSetting(workspace.SettingActivationEvents, "data_source_connected"); err != nil {
		return err
	}
	err = db.Checkpoint()
	return err
}

// BenchmarkLinkAccounts5M recomputes every link from scratch: one pass
// over the 5,000,000 events (summarised per analytics user), then the
// accounts (customers, addresses, domains, 20,000 tickets).
func BenchmarkLinkAccounts5M(b *testing.B) {
	db := benchWorkspace(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if err := accounts.Refresh(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchEvents)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkCohortsAndActivation5M computes what the Users screen shows
// over the 5,000,000 events once they are linked: monthly and weekly
// retention cohorts and 24 months of signups and activation.
func BenchmarkCohortsAndActivation5M(b *testing.B) {
	db := benchWorkspace(b)
	ctx := context.Background()
	if err := accounts.Ensure(ctx, db); err != nil {
		b.Fatal(err)
	}
	from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		monthly, err := product.Cohorts(ctx, db, product.CohortOptions{})
		if err != nil {
			b.Fatal(err)
		}
		weekly, err := product.Cohorts(ctx, db, product.CohortOptions{Weekly: true})
		if err != nil {
			b.Fatal(err)
		}
		o, err := product.Months(ctx, db, from, to)
		if err != nil {
			b.Fatal(err)
		}
		if len(monthly.Cohorts) < 20 || len(weekly.Cohorts) < 90 || o.Months[5].ActivationRate == nil {
			b.Fatalf("unexpected result: %d monthly, %d weekly cohorts, %+v", len(monthly.Cohorts), len(weekly.Cohorts), o.Months[5])
		}
	}
}

// BenchmarkMergeAccounts5M is the founder merging two accounts on the
// 5,000,000-event workspace: the rule is stored and the accounts are
// recomputed from the per-user summaries, without reading the events.
func BenchmarkMergeAccounts5M(b *testing.B) {
	db := benchWorkspace(b)
	ctx := context.Background()
	page, err := accounts.List(ctx, db, accounts.ListOptions{Sort: "name"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.SQL().Exec("DELETE FROM account_rules") })
	i := 0
	b.ResetTimer()
	for b.Loop() {
		a, c := page.Accounts[2*i], page.Accounts[2*i+1]
		i++
		if _, err := accounts.Merge(ctx, db, a.ID, c.ID); err != nil {
			b.Fatal(err)
		}
	}
}
