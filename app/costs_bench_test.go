//go:build unix

package app

import (
	"syscall"
	"testing"
	"time"

	"keel/backend/costs/costbench"
)

// BenchmarkCostsOverview50kAccounts5MEvents times the whole app call of
// the Plans & costs screen — cost and margin per plan and per account,
// power users, what-if, warnings, the chart, what plans grant — on the
// workspace of 50,000 accounts and 5,000,000 events, a different month
// each call, as when the founder moves through the months. The accounts'
// lookup and subscriptions are read once per state of the links (the
// first call, logged apart, also loads them and the revenue engine's
// basis); every call reads its month's usage, tickets and manual work.
func BenchmarkCostsOverview50kAccounts5MEvents(b *testing.B) {
	db := costbench.Open(b)
	s := NewState(b.TempDir(), nil)
	s.now = func() time.Time { return time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC) }
	s.swap(db)
	c := NewCosts(s)
	start := time.Now()
	ov, err := c.Overview("2025-12")
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("first call: %s (%d accounts with MRR or cost, %d plans, %d power users)",
		time.Since(start).Round(time.Millisecond), ov.AccountsTotal, len(ov.Model.Plans), len(ov.Model.PowerUsers))
	if ov.AccountsTotal < 40_000 || len(ov.Model.PowerUsers) == 0 {
		b.Fatalf("unexpected model: %d accounts, %d power users", ov.AccountsTotal, len(ov.Model.PowerUsers))
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	i := 0
	cpu0 := cpu()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Overview(time.Date(2025, time.Month(1+i%11), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/call")
	// CPU time says it too when other processes share the cores.
	b.ReportMetric((cpu()-cpu0).Seconds()/float64(b.N), "cpu-s/call")
}
