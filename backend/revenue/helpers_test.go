package revenue_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

func newDB(tb testing.TB) *workspace.DB {
	tb.Helper()
	db, err := workspace.Create(filepath.Join(tb.TempDir(), "t.keel"), "T")
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	tb.Cleanup(func() { db.Close() })
	return db
}

// put stores records as one import.
func put(tb testing.TB, db *workspace.DB, recs ...backend.Record) {
	tb.Helper()
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "t.csv", Source: "stripe", Kind: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs {
		if _, err := b.Put(r); err != nil {
			b.Rollback()
			tb.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{Read: len(recs), Imported: len(recs)}); err != nil {
		tb.Fatal(err)
	}
}

func set(tb testing.TB, db *workspace.DB, kv ...string) {
	tb.Helper()
	for i := 0; i < len(kv); i += 2 {
		if err := db.SetSetting(kv[i], kv[i+1]); err != nil {
			tb.Fatal(err)
		}
	}
}

// at reads "2025-01-05" or "2025-01-05 10:00" as UTC.
func at(s string) time.Time {
	layout := "2006-01-02"
	if strings.Contains(s, " ") {
		layout = "2006-01-02 15:04"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(s string) *time.Time {
	t := at(s)
	return &t
}

// sub is a monthly usd subscription of amount cents starting at start.
func sub(id, customer string, amount int64, start string) *backend.Subscription {
	return &backend.Subscription{Source: "stripe", ID: id, CustomerID: customer, Status: "active", Plan: "plan_" + id,
		Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: amount, Start: ptr(start), Created: ptr(start)}
}

func canceled(s *backend.Subscription, canceledAt, endedAt string, atPeriodEnd bool) *backend.Subscription {
	s.Status = "canceled"
	s.CanceledAt = ptr(canceledAt)
	if endedAt != "" {
		s.EndedAt = ptr(endedAt)
	}
	s.CancelAtPeriodEnd = atPeriodEnd
	return s
}

func inv(id, subID, customer, cur string, subtotal, discount int64, date string) *backend.Invoice {
	d := at(date)
	return &backend.Invoice{Source: "stripe", ID: id, CustomerID: customer, SubscriptionID: subID, Status: "paid",
		Currency: cur, Date: d, PeriodStart: &d, Subtotal: subtotal, Discount: discount, Total: subtotal - discount, Paid: true}
}

// pay is a succeeded payment of amount in cur, converted to usd.
func pay(id, customer, cur string, amount, converted int64, created string) *backend.Payment {
	return &backend.Payment{Source: "stripe", ID: id, RowKey: id, Created: at(created), Amount: amount, Currency: cur,
		Converted: &converted, ConvertedCurrency: "usd", Status: "paid", Captured: true, CustomerID: customer}
}

func compute(tb testing.TB, db *workspace.DB, from, to string) *revenue.Series {
	tb.Helper()
	ser, err := revenue.Compute(db, at(from+"-01"), at(to+"-01"))
	if err != nil {
		tb.Fatal(err)
	}
	checkIdentity(tb, ser)
	return ser
}

// checkIdentity asserts MRR(M) = MRR(M−1) + new + reactivation + expansion
// − contraction − churn + fx, month by month and customer by customer.
func checkIdentity(tb testing.TB, ser *revenue.Series) {
	tb.Helper()
	for i, m := range ser.Months {
		t := m.Totals
		if t.MRR != t.Prev+t.New+t.Reactivation+t.Expansion-t.Contraction-t.Churn+t.FX {
			tb.Errorf("%s: identity broken: %+v", m.Month, t)
		}
		if i > 0 && t.Prev != ser.Months[i-1].MRR {
			tb.Errorf("%s: prev %d != last month's MRR %d", m.Month, t.Prev, ser.Months[i-1].MRR)
		}
		sums := map[revenue.Kind]int64{}
		delta := map[string]int64{}
		for _, mv := range ser.Movements(m.Month, "") {
			sums[mv.Kind] += mv.Amount
			switch mv.Kind {
			case revenue.Contraction, revenue.Churn:
				delta[mv.CustomerID] -= mv.Amount
			default:
				delta[mv.CustomerID] += mv.Amount
			}
		}
		for _, mv := range ser.Movements(m.Month, "") {
			if delta[mv.CustomerID] != mv.To-mv.From {
				tb.Errorf("%s: %s moved %d but its movements say %d", m.Month, mv.CustomerID, mv.To-mv.From, delta[mv.CustomerID])
			}
		}
		if sums[revenue.New] != t.New || sums[revenue.Reactivation] != t.Reactivation || sums[revenue.Expansion] != t.Expansion ||
			sums[revenue.Contraction] != t.Contraction || sums[revenue.Churn] != t.Churn || sums[revenue.FX] != t.FX {
			tb.Errorf("%s: movements %v do not add up to the totals %+v", m.Month, sums, t)
		}
	}
}

func month(tb testing.TB, ser *revenue.Series, m string) revenue.Month {
	tb.Helper()
	for _, mo := range ser.Months {
		if mo.Month == m {
			return mo
		}
	}
	tb.Fatalf("no month %s", m)
	return revenue.Month{}
}

// mrr lists the MRR of each month, for compact expectations.
func mrr(ser *revenue.Series) []int64 {
	out := make([]int64, len(ser.Months))
	for i, m := range ser.Months {
		out[i] = m.MRR
	}
	return out
}

// moves lists a month's movements as "kind customer amount".
func moves(ser *revenue.Series, month string) []string {
	var out []string
	for _, m := range ser.Movements(month, "") {
		out = append(out, string(m.Kind)+" "+m.CustomerID+" "+itoa(m.Amount))
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
