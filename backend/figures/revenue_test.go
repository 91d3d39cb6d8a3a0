package figures_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

func revDB(t *testing.T, recs ...backend.Record) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	put(t, db, "stripe", recs...)
	return db
}

func revDay(s string) *time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return &t
}

func revSub(id, customer, cur string, amount int64, start string) *backend.Subscription {
	return &backend.Subscription{Source: "stripe", ID: id, CustomerID: customer, Status: "active", Plan: "p", Quantity: 1,
		Currency: cur, Interval: "month", IntervalCount: 1, Amount: amount, Start: revDay(start)}
}

func TestRevenueFieldsStayNullWithoutSubscriptions(t *testing.T) {
	conv := int64(1000)
	db := revDB(t, &backend.Payment{Source: "stripe", ID: "ch_1", RowKey: "ch_1", Created: *revDay("2025-01-05"), Amount: 1000,
		Currency: "usd", Converted: &conv, ConvertedCurrency: "usd", Status: "paid"})
	rep, err := load(t, db, "2025-01", "2025-01")
	if err != nil {
		t.Fatal(err)
	}
	rv := rep.Months[0].Revenue
	if rv.MRR != nil || rv.New != nil || rv.ARPA != nil || rv.NRR != nil || rv.Customers != nil {
		t.Errorf("revenue fields without subscriptions: %+v", rv)
	}
	if rv.Collected == nil || *rv.Collected != 1000 {
		t.Errorf("collected = %v", rv.Collected)
	}
}

func TestRevenueRatios(t *testing.T) {
	db := revDB(t,
		revSub("s1", "c1", "usd", 5000, "2025-01-10"), revSub("s2", "c2", "usd", 3000, "2025-01-10"),
		revSub("s3", "c3", "usd", 2000, "2025-01-10"),
		&backend.Subscription{Source: "stripe", ID: "s4", CustomerID: "c2", Status: "canceled", Plan: "p", Quantity: 1, Currency: "usd",
			Interval: "month", IntervalCount: 1, Amount: 1000, Start: revDay("2025-01-10"), CanceledAt: revDay("2025-02-10"), EndedAt: revDay("2025-02-10")},
		&backend.Subscription{Source: "stripe", ID: "s5", CustomerID: "c3", Status: "canceled", Plan: "p", Quantity: 1, Currency: "usd",
			Interval: "month", IntervalCount: 1, Amount: 2000, Start: revDay("2025-01-10"), CanceledAt: revDay("2025-02-10"), EndedAt: revDay("2025-02-10")},
		revSub("s6", "c1", "usd", 500, "2025-02-03"), revSub("s7", "c4", "usd", 700, "2025-02-03"))
	rep, err := load(t, db, "2025-01", "2025-02")
	if err != nil {
		t.Fatal(err)
	}
	jan, feb := rep.Months[0].Revenue, rep.Months[1].Revenue
	// January: 5000 + 4000 + 4000 from nothing; no month before to compare.
	if *jan.MRR != 13000 || *jan.New != 13000 || *jan.ARPA != 4333 || *jan.ARR != 156000 || jan.NRR != nil || jan.LogoChurnRate != nil || jan.QuickRatio != nil {
		t.Errorf("January: %s", revShow(jan))
	}
	// February: c1 +500, c2 −1000, c3 −2000 (a canceled add-on is contraction), c4 new 700.
	if *feb.MRR != 11200 || *feb.Expansion != 500 || *feb.Contraction != 3000 || *feb.New != 700 || *feb.Churn != 0 ||
		*feb.Customers != 4 || *feb.ChurnedCustomers != 0 || *feb.ARPA != 2800 {
		t.Errorf("February: %s", revShow(feb))
	}
	want := map[string]float64{"logo": 0, "gross": 3000.0 / 13000, "net": 2500.0 / 13000, "nrr": 10500.0 / 13000, "quick": 1200.0 / 3000}
	got := map[string]float64{"logo": *feb.LogoChurnRate, "gross": *feb.GrossRevenueChurnRate, "net": *feb.NetRevenueChurnRate, "nrr": *feb.NRR, "quick": *feb.QuickRatio}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
}

func TestMissingRateFailsTheReport(t *testing.T) {
	db := revDB(t, revSub("s1", "c1", "gbp", 2000, "2025-03-10"))
	db.SetSetting(workspace.SettingBaseCurrency, "usd")
	_, err := load(t, db, "2025-03", "2025-03")
	if err == nil || !strings.Contains(err.Error(), "GBP") || !strings.Contains(err.Error(), "March 2025") {
		t.Fatalf("err = %v", err)
	}
}

func revShow(r revenue.Figures) string {
	var b strings.Builder
	for _, f := range []struct {
		n string
		v *int64
	}{{"mrr", r.MRR}, {"new", r.New}, {"exp", r.Expansion}, {"con", r.Contraction}, {"churn", r.Churn}, {"cust", r.Customers}, {"arpa", r.ARPA}} {
		if f.v == nil {
			b.WriteString(f.n + "=null ")
		} else {
			b.WriteString(f.n + "=" + strconv.FormatInt(*f.v, 10) + " ")
		}
	}
	return b.String()
}

// load is figures.Load of the months from..to, written YYYY-MM.
func load(t *testing.T, db *workspace.DB, from, to string) (*figures.Set, error) {
	t.Helper()
	first, err := backend.ParseMonth(from)
	if err != nil {
		t.Fatal(err)
	}
	last, err := backend.ParseMonth(to)
	if err != nil {
		t.Fatal(err)
	}
	return figures.Load(db, first, last)
}
