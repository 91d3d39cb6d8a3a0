package revenue_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/pipeline"
	"keel/backend/revenue"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// TestSimulatedCompany is the done-when test of the revenue engine: a
// simulated company's Stripe exports go through the import pipeline, and
// every revenue field of `keel metrics` for every month must equal, to the
// minor unit, what the simulation computes from its own state.
func TestSimulatedCompany(t *testing.T) {
	co := newSimCompany(2026)
	files := co.write(t)
	const first, last = 2, 23 // 2024-03 … 2025-12: the first months are history
	for _, rules := range [][2]string{{"period_end", "net"}, {"cancellation", "list"}, {"period_end", "list"}, {"cancellation", "net"}} {
		t.Run(rules[0]+"_"+rules[1], func(t *testing.T) {
			db := newDB(t)
			set(t, db, workspace.SettingTimeZone, "America/New_York",
				workspace.SettingChurnTiming, rules[0], workspace.SettingDiscounts, rules[1])
			for _, f := range files {
				rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: f}, nil)
				if rep.Err != nil || rep.Rejected > 0 {
					t.Fatalf("import %s: %v, rejected %v", rep.File, rep.Err, rep.Rejects)
				}
			}
			for k, v := range co.userRates {
				if err := db.SetRate(k[:3], k[4:], v); err != nil {
					t.Fatal(err)
				}
			}
			from, _ := backend.ParseMonth(simMonthName(first))
			to, _ := backend.ParseMonth(simMonthName(last))
			rep, err := figures.Load(db, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if rep.BaseCurrency != "usd" {
				t.Fatalf("base currency %q", rep.BaseCurrency)
			}
			want := co.expected(rules[0], rules[1] == "list", last)
			var active, moved int64
			for i, m := range rep.Months {
				w := want[first+i]
				compareRevenue(t, m.Month.String(), m.Revenue, w)
				active += w.Customers
				moved += w.New + w.Expansion + w.Contraction + w.Churn + w.Reactivation + abs64(w.FX)
			}
			// The simulation must exercise what it claims to.
			var kinds [6]int64
			for _, w := range want[first:] {
				for k, v := range []int64{w.New, w.Expansion, w.Contraction, w.Churn, w.Reactivation, w.FX} {
					if v != 0 {
						kinds[k]++
					}
				}
			}
			for k, n := range kinds {
				if n < 3 {
					t.Errorf("only %d months with movement %d: the simulation is too tame", n, k)
				}
			}
			t.Logf("%d customer-months, %d minor units of movements compared", active, moved)
		})
	}
}

func compareRevenue(t *testing.T, month string, got revenue.Figures, w simRevenue) {
	t.Helper()
	ints := []struct {
		name string
		got  *int64
		want int64
	}{
		{"mrr", got.MRR, w.MRR}, {"new", got.New, w.New}, {"expansion", got.Expansion, w.Expansion},
		{"contraction", got.Contraction, w.Contraction}, {"churn", got.Churn, w.Churn},
		{"reactivation", got.Reactivation, w.Reactivation}, {"fx", got.FX, w.FX}, {"arr", got.ARR, w.ARR},
		{"customers", got.Customers, w.Customers}, {"new_customers", got.NewCustomers, w.NewCustomers},
		{"churned_customers", got.ChurnedCustomers, w.ChurnedCustomers},
		{"reactivated_customers", got.ReactivatedCustomers, w.ReactivatedCustomers},
	}
	for _, f := range ints {
		if f.got == nil || *f.got != f.want {
			t.Errorf("%s %s = %s, want %d", month, f.name, show(f.got), f.want)
		}
	}
	if !sameInt(got.ARPA, w.ARPA) {
		t.Errorf("%s arpa = %s, want %s", month, show(got.ARPA), show(w.ARPA))
	}
	floats := []struct {
		name      string
		got, want *float64
	}{
		{"logo_churn_rate", got.LogoChurnRate, w.LogoChurn}, {"gross_revenue_churn_rate", got.GrossRevenueChurnRate, w.GrossChurn},
		{"net_revenue_churn_rate", got.NetRevenueChurnRate, w.NetChurn}, {"nrr", got.NRR, w.NRR}, {"quick_ratio", got.QuickRatio, w.Quick},
	}
	for _, f := range floats {
		if (f.got == nil) != (f.want == nil) || f.got != nil && math.Abs(*f.got-*f.want) > 1e-12 {
			t.Errorf("%s %s = %s, want %s", month, f.name, show(f.got), show(f.want))
		}
	}
}

func sameInt(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func show[T any](p *T) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

// simWorkspace is a workspace holding the simulated company of seed, with
// its exchange rates.
func simWorkspace(t *testing.T, seed uint64) *workspace.DB {
	co := newSimCompany(seed)
	db := newDB(t)
	for _, f := range co.write(t) {
		if rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: f}, nil); rep.Err != nil {
			t.Fatal(rep.Err)
		}
	}
	for k, v := range co.userRates {
		db.SetRate(k[:3], k[4:], v)
	}
	return db
}

// The invoices of a large workspace are read over several connections in
// parallel; on the simulated company that must give the same series.
func TestParallelReadGivesTheSameSeries(t *testing.T) {
	db := simWorkspace(t, 7)
	serial := compute(t, db, "2024-01", "2025-12")
	defer func(n int64, procs int) { *revenue.ParallelFrom = n; runtime.GOMAXPROCS(procs) }(*revenue.ParallelFrom, runtime.GOMAXPROCS(4))
	*revenue.ParallelFrom = 0
	set(t, db, workspace.SettingChurnTiming, "period_end") // the same rule: only makes Compute read again
	parallel := compute(t, db, "2024-01", "2025-12")
	if !reflect.DeepEqual(serial.Months, parallel.Months) || !reflect.DeepEqual(serial.Subscriptions, parallel.Subscriptions) {
		t.Error("the parallel read differs from the serial one")
	}
	for _, m := range serial.Months {
		if !reflect.DeepEqual(serial.Movements(m.Month, ""), parallel.Movements(m.Month, "")) {
			t.Errorf("%s: movements differ", m.Month)
		}
	}
}

// Series computed at the same time share what they are computed from and
// agree; changing a rule makes the next series read the workspace again.
func TestSeriesShareTheirBasis(t *testing.T) {
	db := simWorkspace(t, 11)
	want := compute(t, db, "2024-01", "2025-12")
	got := make([]*revenue.Series, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = revenue.Compute(db, at("2024-01-01"), at("2025-12-01"))
		}()
	}
	wg.Wait()
	for i, g := range got {
		if g == nil || !reflect.DeepEqual(g.Months, want.Months) || !reflect.DeepEqual(g.Movements("2025-06", ""), want.Movements("2025-06", "")) {
			t.Fatalf("concurrent series %d differs from the first", i)
		}
	}
	set(t, db, workspace.SettingChurnTiming, "cancellation")
	if ser := compute(t, db, "2024-01", "2025-12"); ser.ChurnTiming != "cancellation" || reflect.DeepEqual(ser.Months, want.Months) {
		t.Error("a changed churn rule did not give a new series")
	}
}
