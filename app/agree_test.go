package app

import (
	"encoding/json"
	"testing"
)

// The screens agree with `keel metrics` and with each other, month by
// month: the four disagreements of issue 12, each checked through the
// screens' own API (the bound methods the page calls).

// surfaceTile is the tile key of Home's surface id.
func surfaceTile(t *testing.T, m *ScalingMap, surface, key string) Tile {
	t.Helper()
	for _, sf := range m.Surfaces {
		if sf.ID == surface {
			return tileOf(t, sf.Tiles, key)
		}
	}
	t.Fatalf("no surface %s", surface)
	return Tile{}
}

func sameTile(t *testing.T, what string, a, b Tile) {
	t.Helper()
	if !same(a.Value, b.Value) || !same(a.Prev, b.Prev) || !same(a.Delta, b.Delta) || a.Digits != b.Digits || a.Unit != b.Unit ||
		(a.Good == nil) != (b.Good == nil) || a.Good != nil && *a.Good != *b.Good {
		t.Errorf("%s: %s %s %s (%d digits) against %s %s %s (%d digits)", what, show(a.Value), show(a.Prev), show(a.Delta), a.Digits,
			show(b.Value), show(b.Prev), show(b.Delta), b.Digits)
	}
}

// Home's "Active accounts" and the Users screen's were 195 ▲+13 against
// 195 ▲+14 ("Using the product", another count): now one figure.
func TestHomeAndUsersShowKeelMetricsActiveAccounts(t *testing.T) {
	s, _ := onDemo(t)
	for _, c := range []struct{ month, before string }{{"2026-02", "2026-01"}, {"2025-10", "2025-09"}} {
		home, err := NewReview(s).Map(c.month)
		if err != nil {
			t.Fatal(err)
		}
		users, err := NewUsers(s).Overview(c.month)
		if err != nil {
			t.Fatal(err)
		}
		h := surfaceTile(t, home, "users", "support.active_accounts")
		u := tileOf(t, users.Tiles, "active_accounts")
		sameTile(t, c.month+" Home against Users", h, u)
		want := metricsSection(t, s, c.before, c.month, "support")
		if !same(u.Value, want[1]["active_accounts"]) || !same(u.Prev, want[0]["active_accounts"]) {
			t.Errorf("%s: Users shows %s (was %s), keel metrics %s (was %s)", c.month, show(u.Value), show(u.Prev),
				show(want[1]["active_accounts"]), show(want[0]["active_accounts"]))
		}
	}
}

// Tickets per active account read 1.52 ▼−0.07 on Home and 1.5 ▼−0.1 on
// Support load: the same value, change and precision everywhere now.
func TestTicketsPerActiveAccountIsOneFigure(t *testing.T) {
	s, _ := onDemo(t)
	for _, c := range []struct{ month, before string }{{"2026-02", "2026-01"}, {"2025-10", "2025-09"}} {
		home, err := NewReview(s).Map(c.month)
		if err != nil {
			t.Fatal(err)
		}
		sup, err := NewSupport(s).Overview(c.month)
		if err != nil {
			t.Fatal(err)
		}
		rv, err := NewReview(s).Get(c.month)
		if err != nil {
			t.Fatal(err)
		}
		h := surfaceTile(t, home, "operations", "support.tickets_per_active_account")
		p := tileOf(t, sup.Tiles, "tickets_per_active_account")
		r := tileOf(t, stepOf(t, rv, "operations").Tiles, "support.tickets_per_active_account")
		sameTile(t, c.month+" Home against Support load", h, p)
		sameTile(t, c.month+" Support load against the review", p, r)
		if p.Digits != 2 {
			t.Errorf("tickets per active account with %d decimals", p.Digits)
		}
		want := metricsSection(t, s, c.before, c.month, "support")
		if !same(p.Value, want[1]["tickets_per_active_account"]) || !same(p.Prev, want[0]["tickets_per_active_account"]) {
			t.Errorf("%s: Support load %s (was %s), keel metrics %s (was %s)", c.month, show(p.Value), show(p.Prev),
				show(want[1]["tickets_per_active_account"]), show(want[0]["tickets_per_active_account"]))
		}
	}
}

// A customer opened from October's drill-down said "MRR at the end of
// Feb 2026" (the last complete month): the page now runs to the
// drill-down's month, with the MRR the drill-down shows.
func TestCustomerFromADrillDownIsOfItsMonth(t *testing.T) {
	s, _ := onDemo(t)
	r := NewRevenue(s)
	const month = "2025-10"
	d, err := r.Movements(month, "")
	if err != nil {
		t.Fatal(err)
	}
	want := metricsSection(t, s, month, month, "revenue")[0]
	byKind := map[string]float64{}
	for _, row := range d.Rows {
		byKind[string(row.Kind)] += float64(row.Amount)
	}
	for kind, sign := range map[string]float64{"new": 1, "expansion": 1, "reactivation": 1, "contraction": -1, "churn": -1, "fx": 1} {
		if w := want[kind]; w == nil || byKind[kind] != sign**w {
			t.Errorf("October's %s: the drill-down adds up to %v, keel metrics %s", kind, byKind[kind], show(w))
		}
	}
	checked := 0
	for _, row := range d.Rows {
		if row.To == 0 || checked == 3 {
			continue
		}
		checked++
		p, err := r.Customer(row.CustomerID, month)
		if err != nil {
			t.Fatal(err)
		}
		if p.Month.String() != month || p.MRR != row.To {
			t.Errorf("%s from October: MRR at the end of %s = %d; the drill-down says %d at the end of %s", row.CustomerID, p.Month, p.MRR, row.To, month)
		}
		var chart struct {
			XAxis []struct {
				Data []string `json:"data"`
			} `json:"xAxis"`
		}
		if err := json.Unmarshal(p.Chart, &chart); err != nil || len(chart.XAxis) == 0 {
			t.Fatalf("chart: %v", err)
		}
		if labels := chart.XAxis[0].Data; labels[len(labels)-1] != month {
			t.Errorf("%s: the chart ends in %s", row.CustomerID, labels[len(labels)-1])
		}
	}
	if checked == 0 {
		t.Fatal("no customer with MRR moved in October")
	}
	if p, err := r.Customer(d.Rows[0].CustomerID, ""); err != nil || p.Month.String() != "2026-02" {
		t.Errorf("opened on its own, the page runs to the last complete month: %v, %v", p.Month, err)
	}
}
