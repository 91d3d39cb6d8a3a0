package report

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

// BenchmarkReportDemo times the report of the demo workspace (target:
// under 2 s), review computation included.
func BenchmarkReportDemo(b *testing.B) {
	db := demoDB(b, demoNow)
	var n int
	start := time.Now()
	for b.Loop() {
		cw := &countingWriter{}
		if err := Write(db, mo("2026-02"), cw, Options{}); err != nil {
			b.Fatal(err)
		}
		n++
		b.SetBytes(cw.n)
	}
	per := time.Since(start) / time.Duration(n)
	b.ReportMetric(per.Seconds(), "s/report")
	b.Logf("demo report: %v per report", per.Round(time.Millisecond))
}

// BenchmarkReportLarge times the report of a workspace with 50,000
// customers and five years of invoices, payments and tickets (target:
// under 10 s and 300 MB peak RSS), and reports the peak resident memory of
// the report alone (the workspace is built first, untimed, and the peak
// is reset before the report).
func BenchmarkReportLarge(b *testing.B) {
	t0 := time.Now()
	large.once.Do(buildLarge)
	if large.err != nil {
		b.Fatal(large.err)
	}
	b.Logf("workspace: 50,000 customers, %d invoices, %d tickets (built in %v, not timed)",
		large.invoices, large.tickets, time.Since(t0).Round(time.Second))
	out := filepath.Join(large.dir, "report.xlsx")
	resetPeakRSS()
	var n int
	start := time.Now()
	for b.Loop() {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(large.db, mo("2025-12"), f, Options{}); err != nil {
			b.Fatal(err)
		}
		f.Close()
		n++
	}
	per := time.Since(start) / time.Duration(n)
	st, _ := os.Stat(out)
	peak := peakRSS()
	b.ReportMetric(per.Seconds(), "s/report")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-RSS")
	b.Logf("large report: %v per report, %.1f MB file, peak RSS %d MB", per.Round(time.Millisecond), float64(st.Size())/(1<<20), peak>>20)
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// resetPeakRSS makes the kernel forget the process's peak resident size
// (Linux; elsewhere the peak includes building the workspace).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM from /proc/self/status, in bytes.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// large is built once per test process: 50,000 customers billed monthly
// (some yearly) over the 60 months 2021-01 … 2025-12 in usd, eur and jpy,
// with sign-ups, upgrades, churn and win-backs, a payment per invoice and
// tickets from the customers.
var large struct {
	once              sync.Once
	db                *workspace.DB
	dir               string
	invoices, tickets int
	err               error
}

func buildLarge() {
	l := &large
	if l.dir, l.err = os.MkdirTemp("", "keel-report-bench-"); l.err != nil {
		return
	}
	cleanups = append(cleanups, func() {
		if l.db != nil {
			l.db.Close()
		}
		os.RemoveAll(l.dir)
	})
	if l.db, l.err = workspace.Create(filepath.Join(l.dir, "large.keel"), "Large"); l.err != nil {
		return
	}
	l.db.Now = func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) }
	bt, err := l.db.BeginImport(context.Background(), workspace.ImportMeta{File: "large.csv", Source: "stripe", Kind: "invoices", SHA256: strings.Repeat("0", 64)})
	if err != nil {
		l.err = err
		return
	}
	rng := rand.New(rand.NewPCG(50000, 60))
	at := func(m, day int) time.Time { return time.Date(2021, time.Month(1+m), day, 9, 0, 0, 0, time.UTC) }
	put := func(r backend.Record) {
		if l.err == nil {
			_, l.err = bt.Put(r)
		}
	}
	rates := map[string]int64{"eur": 108, "jpy": 67}
	for i := 0; i < 50000 && l.err == nil; i++ {
		cus := fmt.Sprintf("cus_L%05d", i)
		cur, price := "usd", int64(2900+1000*rng.IntN(8))
		switch r := rng.IntN(100); {
		case r < 10:
			cur = "eur"
		case r < 15:
			cur, price = "jpy", price*15
		}
		email := cus + "@example.com"
		put(&backend.Customer{Source: "stripe", ID: cus, Email: email, Name: "Customer " + cus[5:], Currency: cur})
		yearly := rng.IntN(10) == 0
		start, end := rng.IntN(48), 60
		if rng.IntN(4) == 0 {
			end = start + 1 + rng.IntN(60-start)
		}
		upgrade := -1
		if rng.IntN(5) == 0 {
			upgrade = start + rng.IntN(60-start)
		}
		day := 1 + rng.IntN(28)
		sid := fmt.Sprintf("sub_L%05d", i)
		s := &backend.Subscription{Source: "stripe", ID: sid, CustomerID: cus, CustomerEmail: email, Status: "active",
			Plan: fmt.Sprintf("plan_%d", price/1000), Product: []string{"Starter", "Growth", "Scale"}[price%3], Quantity: 1,
			Currency: cur, Interval: "month", IntervalCount: 1, Amount: price, Start: ptr(at(start, day))}
		step := 1
		if yearly {
			s.Interval, s.Amount, step = "year", price*10, 12
		}
		if end < 60 {
			s.Status, s.CanceledAt, s.EndedAt = "canceled", ptr(at(end, day)), ptr(at(end, day))
		}
		put(s)
		for m := start; m < end; m += step {
			amount := s.Amount
			if upgrade >= 0 && m >= upgrade {
				amount += s.Amount / 2
			}
			d := at(m, day)
			inv := fmt.Sprintf("in_L%05d_%d", i, m)
			put(&backend.Invoice{Source: "stripe", ID: inv, CustomerID: cus, CustomerEmail: email, SubscriptionID: sid, Status: "paid",
				Currency: cur, Date: d, PeriodStart: &d, Subtotal: amount, Total: amount, AmountPaid: amount, Paid: true})
			l.invoices++
			pay := &backend.Payment{Source: "stripe", ID: "ch_" + inv[3:], RowKey: "ch_" + inv[3:], Created: d, Amount: amount,
				Currency: cur, ConvertedCurrency: "usd", Status: "paid", Captured: true, CustomerID: cus, CustomerEmail: email, InvoiceID: inv}
			if r, ok := rates[cur]; ok {
				conv := amount * (r + int64(m%5)) / 100
				pay.Converted = &conv
			} else {
				pay.Converted = &amount
			}
			if rng.IntN(40) == 0 {
				pay.Status = "failed"
			}
			put(pay)
			if rng.IntN(12) == 0 {
				created := d.Add(time.Duration(rng.IntN(20*24)) * time.Hour)
				reply := int64(10 + rng.IntN(600))
				solved := created.Add(time.Duration(reply*3) * time.Minute)
				put(&backend.Ticket{Source: "zendesk", ID: fmt.Sprintf("%d", 100000+l.tickets), RequesterEmail: email,
					Subject: "Question about " + s.Product, Status: "solved", Priority: "normal", Channel: "email",
					Assignee: []string{"Ana", "Ben", "Chloé"}[rng.IntN(3)], Created: created, Solved: &solved,
					FirstReplyMinutes: &reply, Satisfaction: []string{"good", "", "bad"}[rng.IntN(3)]})
				l.tickets++
			}
		}
	}
	if l.err != nil {
		bt.Rollback()
		return
	}
	if l.err = bt.Commit(workspace.Counts{}); l.err != nil {
		return
	}
	// As the app and `keel import` do after an import: link accounts once,
	// so the report (like any screen) reads the links instead of making them.
	if l.err = accounts.Refresh(context.Background(), l.db); l.err != nil {
		return
	}
	l.err = l.db.Checkpoint()
}

func ptr(t time.Time) *time.Time { return &t }
