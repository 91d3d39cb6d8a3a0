package app

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// demoState is the app on the demo workspace, built on first run with the
// test clock (14 March 2026: the last complete month is February 2026).
func demoState(t *testing.T) (*State, *recorder) {
	t.Helper()
	s, rec := newApp(t)
	s.Start(context.Background())
	if _, err := s.workspace(); err != nil {
		t.Fatal(err)
	}
	return s, rec
}

// wantMetrics is the revenue section of `keel metrics --json` for the
// months from..to of the open workspace, read back from its JSON by field
// name: what a founder's script sees.
func wantMetrics(t *testing.T, s *State, from, to string) []map[string]*float64 {
	return metricsSection(t, s, from, to, "revenue")
}

func same(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) < 1e-9
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	b, _ := json.Marshal(*p)
	return string(b)
}

func TestRevenueScreenOnTheDemo(t *testing.T) {
	s, rec := demoState(t)
	r := NewRevenue(s)

	ov, err := r.Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Month.String() != "2026-02" || ov.Default.String() != "2026-02" || ov.Last.String() != "2026-03" || ov.LastComplete.String() != "2026-02" || ov.Currency != "usd" || !ov.HasData ||
		ov.Missing != nil || ov.Problem != nil {
		t.Fatalf("overview = %+v", ov)
	}
	if ov.First.String() >= "2025-01" || ov.First.String() < "2024-01" {
		t.Errorf("the picker starts at %s; the demo has two years", ov.First)
	}

	t.Run("tiles equal keel metrics", func(t *testing.T) {
		want := wantMetrics(t, s, "2025-03", "2026-02")
		keys := []string{"mrr", "arr", "customers", "arpa", "nrr", "quick_ratio", "logo_churn_rate", "net_revenue_churn_rate",
			"collected", "refunded", "failed_payments", "disputes"}
		if len(ov.Tiles) != len(keys) {
			t.Fatalf("%d tiles", len(ov.Tiles))
		}
		for i, tile := range ov.Tiles {
			if tile.Key != keys[i] {
				t.Errorf("tile %d is %s, want %s", i, tile.Key, keys[i])
			}
			if len(tile.Values) != 12 || tile.Months[0].String() != "2025-03" || tile.Months[11].String() != "2026-02" {
				t.Errorf("%s: months %v", tile.Key, tile.Months)
			}
			for m := range want {
				if !same(tile.Values[m], want[m][tile.Key]) {
					t.Errorf("%s %s = %s, keel metrics says %s", tile.Key, tile.Months[m], show(tile.Values[m]), show(want[m][tile.Key]))
				}
			}
			if !same(tile.Value, want[11][tile.Key]) || !same(tile.Prev, want[10][tile.Key]) {
				t.Errorf("%s: value %s prev %s", tile.Key, show(tile.Value), show(tile.Prev))
			}
			if tile.Rule == "" || tile.Label == "" || len(tile.Spark) == 0 {
				t.Errorf("%s: rule %q label %q spark %d bytes", tile.Key, tile.Rule, tile.Label, len(tile.Spark))
			}
			if tile.Value == nil && tile.Missing == "" {
				t.Errorf("%s is null without saying why", tile.Key)
			}
			if tile.Value != nil && tile.Prev != nil {
				d := *tile.Value - *tile.Prev
				if !same(tile.Delta, &d) {
					t.Errorf("%s: delta %s, want %v", tile.Key, show(tile.Delta), d)
				}
				if d != 0 && tile.Good == nil {
					t.Errorf("%s moved but is neither good nor bad", tile.Key)
				}
			}
		}
		// Churn going up is bad news; MRR going up is good news.
		byKey := map[string]Tile{}
		for _, tile := range ov.Tiles {
			byKey[tile.Key] = tile
		}
		if byKey["logo_churn_rate"].Better != "down" || byKey["mrr"].Better != "up" {
			t.Error("better directions")
		}
		if mrr := byKey["mrr"]; *mrr.Delta > 0 != *mrr.Good {
			t.Errorf("MRR delta %v good %v", *mrr.Delta, *mrr.Good)
		}
		if !strings.Contains(byKey["mrr"].Rule, "“A subscription ends”: at period end") {
			t.Errorf("the MRR rule does not say which churn timing: %s", byKey["mrr"].Rule)
		}
	})

	t.Run("movements table and chart", func(t *testing.T) {
		var sum int64
		for _, row := range ov.Movements {
			sum += row.Amount
			if row.Colour == "" || row.Label == "" {
				t.Errorf("row %+v", row)
			}
		}
		if ov.End != ov.Start+sum {
			t.Errorf("MRR %d + movements %d != %d", ov.Start, sum, ov.End)
		}
		if mrr := ov.Tiles[0].Value; mrr == nil || int64(*mrr) != ov.End {
			t.Errorf("the MRR tile says %s, the table %d", show(mrr), ov.End)
		}
		var chart struct {
			Series []struct {
				ID   string `json:"id"`
				Data []struct {
					Value int64 `json:"value"`
				} `json:"data"`
			} `json:"series"`
		}
		if err := json.Unmarshal(ov.Chart, &chart); err != nil {
			t.Fatal(err)
		}
		if len(chart.Series) < 6 || chart.Series[0].ID != "mrr" || len(chart.Series[0].Data) != 12 || chart.Series[0].Data[11].Value != ov.End {
			t.Errorf("chart = %+v", chart)
		}
	})

	t.Run("each movement drills down to customers that add up to it", func(t *testing.T) {
		total := int64(0)
		for _, row := range ov.Movements {
			d, err := r.Movements("2026-02", string(row.Kind))
			if err != nil {
				t.Fatal(err)
			}
			var sum int64
			for _, c := range d.Rows {
				sum += c.Amount
				if c.Kind != row.Kind || c.CustomerID == "" {
					t.Errorf("%s row %+v", row.Kind, c)
				}
			}
			if sum != row.Amount || d.Total != row.Amount || int64(d.Customers) != row.Customers {
				t.Errorf("%s: customers add up to %d (total %d, %d customers), the table says %d (%d customers)",
					row.Kind, sum, d.Total, d.Customers, row.Amount, row.Customers)
			}
			total += sum
		}
		all, err := r.Movements("2026-02", "")
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != total || all.Total != ov.End-ov.Start {
			t.Errorf("all movements = %d, want %d", all.Total, ov.End-ov.Start)
		}
		if _, err := r.Movements("2026-02", "upsell"); backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("unknown kind: %v", err)
		}
		if _, err := r.Movements("Feb 2026", "new"); backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("bad month: %v", err)
		}
	})

	t.Run("customer page", func(t *testing.T) {
		d, err := r.Movements("2026-02", "new")
		if err != nil || len(d.Rows) == 0 {
			t.Fatalf("new customers of February: %v %v", d, err)
		}
		row := d.Rows[0]
		p, err := r.Customer(row.CustomerID, "")
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != row.CustomerID || p.Email == "" || p.Month.String() != "2026-02" || p.FirstPaid.String() != "2026-02" || p.MRR != row.To {
			t.Errorf("page = %+v, drill row %+v", p, row)
		}
		if len(p.Moves) == 0 || p.Moves[0].Month.String() != "2026-02" || p.Moves[0].Kind != revenue.New || p.Moves[0].Amount != row.Amount {
			t.Errorf("moves = %+v", p.Moves)
		}
		if len(p.Subscriptions) == 0 || len(p.Chart) == 0 {
			t.Fatalf("subscriptions = %+v", p.Subscriptions)
		}
		if sub := p.Subscriptions[0]; !strings.HasPrefix(sub.PlanID, "price_") || strings.HasPrefix(sub.Plan, "price_") || !strings.HasPrefix(row.Plan, sub.Plan) {
			t.Errorf("plan %q (%s), drill row plan %q", sub.Plan, sub.PlanID, row.Plan)
		}
		// The demo bills through invoices: each step that changes the MRR
		// names the invoice that set it, and that invoice bills the amount.
		steps := 0
		for _, sub := range p.Subscriptions {
			if sub.Source != "invoices" || sub.SourceLabel == "" {
				t.Errorf("subscription %s from %s", sub.ID, sub.Source)
			}
			for _, st := range sub.Steps {
				if st.Why != "invoice" {
					continue
				}
				steps++
				if st.Invoice == nil || st.Invoice.ID == "" || st.Label == "" {
					t.Errorf("step %+v has no invoice", st)
					continue
				}
				if st.Invoice.Currency != sub.Currency || st.Invoice.Date.After(st.From.Add(24*time.Hour)) {
					t.Errorf("step %+v, invoice %+v", st, st.Invoice)
				}
			}
		}
		if steps == 0 {
			t.Error("no step set by an invoice")
		}
		// A customer who expanded: the step up shows on the page.
		exp, err := r.Movements("2026-02", "expansion")
		if err != nil {
			t.Fatal(err)
		}
		if len(exp.Rows) > 0 {
			p, err := r.Customer(exp.Rows[0].CustomerID, "")
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, mv := range p.Moves {
				found = found || mv.Month.String() == "2026-02" && mv.Kind == revenue.Expansion && mv.Amount == exp.Rows[0].Amount
			}
			if !found {
				t.Errorf("the expansion is not on the customer page: %+v", p.Moves)
			}
		}
		if _, err := r.Customer("cus_nobody", ""); backend.ErrorCode(err) != backend.NotFound {
			t.Errorf("unknown customer: %v", err)
		}
	})

	t.Run("plan mix adds up to MRR", func(t *testing.T) {
		pm, err := r.PlanMix("2026-02")
		if err != nil {
			t.Fatal(err)
		}
		var share float64
		for _, p := range pm.Plans {
			share += p.Share
		}
		// Each plan is converted per currency (revenue.PlanMRR), so with the
		// demo's euros the plans may miss MRR by a rounding per plan.
		if off := pm.Total - ov.End; off < -int64(len(pm.Plans)) || off > int64(len(pm.Plans)) || len(pm.Plans) < 2 || math.Abs(share-1) > 1e-9 || len(pm.Chart) == 0 || pm.Missing != nil {
			t.Errorf("plan mix = %+v", pm)
		}
		for i, p := range pm.Plans {
			if i > 0 && p.MRR > pm.Plans[i-1].MRR {
				t.Errorf("plans not largest first: %+v", pm.Plans)
			}
			// The demo's prices read as products: "Growth · monthly", each once.
			if strings.HasPrefix(p.Plan, "price_") || !strings.Contains(p.Plan, " · ") {
				t.Errorf("plan %q is not named as a founder names it", p.Plan)
			}
		}
	})

	t.Run("cohorts start with each month's new MRR", func(t *testing.T) {
		c, err := r.Cohorts()
		if err != nil {
			t.Fatal(err)
		}
		if c.Last.String() != "2026-02" || c.Rule == "" || len(c.Rows) < 12 || c.Rows[0].Month != ov.First.String() {
			t.Fatalf("cohorts: last %s, %d rows from %v", c.Last, len(c.Rows), c.Rows)
		}
		figs := wantMetrics(t, s, c.Rows[0].Month, "2026-02")
		byMonth := map[string]map[string]*float64{}
		months := map[string]int{}
		for i, m := range figs {
			month := time.Date(2026, 2-time.Month(len(figs)-1-i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
			byMonth[month] = m
			months[month] = i
		}
		for _, row := range c.Rows {
			m := byMonth[row.Month]
			if m == nil || float64(row.Start) != *m["new"] || float64(row.Customers) != *m["new_customers"] {
				t.Errorf("cohort %s starts at %d with %d customers; new MRR %s from %s customers", row.Month, row.Start, row.Customers,
					show(m["new"]), show(m["new_customers"]))
			}
			if len(row.Retained) != len(figs)-months[row.Month] || row.Retained[0] != 1 {
				t.Errorf("cohort %s: %d cells, first %v", row.Month, len(row.Retained), row.Retained[0])
			}
		}
	})

	t.Run("switching a rule recomputes", func(t *testing.T) {
		rules, err := r.Rules()
		if err != nil {
			t.Fatal(err)
		}
		if len(rules.Switches) != 2 || rules.Switches[0].Value != "period_end" || rules.Switches[1].Value != "net" || len(rules.Definitions) < 3 {
			t.Fatalf("rules = %+v", rules)
		}
		before := rec.count("workspace:changed")
		rules, err = r.SetRule("churn_timing", "cancellation")
		if err != nil {
			t.Fatal(err)
		}
		if rules.Switches[0].Value != "cancellation" || rec.count("workspace:changed") != before+1 {
			t.Errorf("after the switch: %+v, %d events", rules.Switches[0], rec.count("workspace:changed")-before)
		}
		after, err := r.Overview("2026-02")
		if err != nil {
			t.Fatal(err)
		}
		want := wantMetrics(t, s, "2025-03", "2026-02")
		changed := false
		for i, tile := range after.Tiles {
			for m := range want {
				if !same(tile.Values[m], want[m][tile.Key]) {
					t.Errorf("after the switch, %s %s = %s, keel metrics says %s", tile.Key, tile.Months[m], show(tile.Values[m]), show(want[m][tile.Key]))
				}
				changed = changed || !same(tile.Values[m], ov.Tiles[i].Values[m])
			}
		}
		if !changed {
			t.Error("churn at cancellation changed no number of the demo's last year")
		}
		if !strings.Contains(after.Tiles[0].Rule, "“A subscription ends”: when canceled") {
			t.Errorf("MRR rule after the switch: %s", after.Tiles[0].Rule)
		}
		if _, err := r.SetRule("time_zone", "Europe/Paris"); backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("a setting that is not a revenue rule: %v", err)
		}
		if _, err := r.SetRule("discounts", "gross"); backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("a bad value: %v", err)
		}
	})
}

// A workspace without billing says what to import instead of showing zeros;
// one in euros without a rate says which rate is missing and takes it.
func TestRevenueEmptyAndMissingRate(t *testing.T) {
	s, rec := newApp(t)
	close(s.ready)
	r := NewRevenue(s)
	if _, err := r.Overview(""); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("without a workspace: %v", err)
	}
	if _, err := NewWorkspace(s).Create(filepath.Join(t.TempDir(), "empty"), "Empty"); err != nil {
		t.Fatal(err)
	}
	ov, err := r.Overview("")
	if err != nil {
		t.Fatal(err)
	}
	if ov.HasData || ov.Missing == nil || ov.Missing.Kind != "subscriptions" || len(ov.Chart) != 0 || len(ov.Tiles) != 12 {
		t.Fatalf("empty overview = %+v", ov)
	}
	for _, tile := range ov.Tiles {
		if tile.Value != nil || tile.Missing == "" {
			t.Errorf("%s = %s, missing %q", tile.Key, show(tile.Value), tile.Missing)
		}
	}
	if !strings.Contains(ov.Tiles[0].Missing, "subscriptions") || !strings.Contains(ov.Tiles[8].Missing, "payments") {
		t.Errorf("hints: %q / %q", ov.Tiles[0].Missing, ov.Tiles[8].Missing)
	}
	if pm, err := r.PlanMix(""); err != nil || pm.Missing == nil {
		t.Errorf("plan mix = %+v, %v", pm, err)
	}
	if c, err := r.Cohorts(); err != nil || c.Missing == nil || len(c.Rows) != 0 {
		t.Errorf("cohorts = %+v, %v", c, err)
	}

	db, _ := s.workspace()
	jan := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	putRecords(t, db, &backend.Subscription{Source: "stripe", ID: "sub_eu", CustomerID: "cus_eu", Status: "active", Plan: "Team",
		Quantity: 1, Currency: "eur", Interval: "month", IntervalCount: 1, Amount: 4900, Start: &jan, Created: &jan})
	ov, err = r.Overview("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Problem == nil || !ov.Problem.Rates || !strings.Contains(ov.Problem.Message, "EUR") || !strings.Contains(ov.Problem.Message, "exchange-rates table") ||
		ov.Problem.Currency != "eur" || ov.Problem.Month != "2026-01" {
		t.Fatalf("problem = %+v", ov.Problem)
	}
	rt, err := r.Rates()
	if err != nil || len(rt.Rates) != 0 || len(rt.Currencies) != 1 || rt.Currencies[0] != "eur" || rt.Currency != "usd" {
		t.Fatalf("rates = %+v, %v", rt, err)
	}
	before := rec.count("workspace:changed")
	if rt, err = r.SetRate("EUR", "2026-01", "1,10"); err != nil || len(rt.Rates) != 1 || rt.Rates[0].Rate != "1.10" {
		t.Fatalf("set rate: %+v %v", rt, err)
	}
	if rec.count("workspace:changed") != before+1 {
		t.Error("setting a rate does not recompute")
	}
	ov, err = r.Overview("2026-02")
	if err != nil || ov.Problem != nil || ov.End != 5390 { // €49.00 × 1.10
		t.Fatalf("with the rate: %+v %v", ov, err)
	}
	if _, err := r.SetRate("eur", "2026-01", "abc"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("bad rate: %v", err)
	}
	if rt, err = r.DeleteRate("eur", "2026-01"); err != nil || len(rt.Rates) != 0 {
		t.Fatalf("delete: %+v %v", rt, err)
	}
	if _, err := r.DeleteRate("eur", "2026-01"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("delete twice: %v", err)
	}
	if _, err := r.Movements("2026-02", "new"); err == nil || !revenue.IsMissingRate(err) {
		t.Errorf("drill-down without the rate: %v", err)
	}
}

// putRecords stores records as one import.
func putRecords(t *testing.T, db *workspace.DB, recs ...backend.Record) {
	t.Helper()
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "t.csv", Source: "stripe", Kind: "subscriptions"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := b.Put(r); err != nil {
			b.Rollback()
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{Read: len(recs), Imported: len(recs)}); err != nil {
		t.Fatal(err)
	}
}
