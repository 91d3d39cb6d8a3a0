package charts_test

import (
	"encoding/json"
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/figures"
	"keel/backend/product"
	"keel/backend/revenue"
	"keel/backend/support"
	"keel/backend/traffic"
)

// seriesOf decodes options and returns each series by id, in order.
func seriesOf(t *testing.T, b []byte) (map[string]any, []map[string]any) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var out []map[string]any
	for _, s := range m["series"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return m, out
}

func rate(f float64) *float64 { return &f }

func TestSignupsChart(t *testing.T) {
	p := func(n int64) *int64 { return &n }
	jan, _ := backend.ParseMonth("2026-01")
	months := []figures.Month{{Month: jan, Product: product.Figures{Signups: p(10)}}, {Month: jan + 1, Product: product.Figures{Signups: p(4)}}}
	b, err := charts.Signups(months)
	if err != nil {
		t.Fatal(err)
	}
	m, ss := seriesOf(t, b)
	if len(ss) != 1 || ss[0]["id"] != "signups" || m["tooltip"].(map[string]any)["formatter"] != "keel:tooltip:count" {
		t.Fatalf("before activation is picked: %s", b)
	}
	months[0].Activated, months[0].Product.ActivationRate = p(4), rate(0.4)
	months[1].Activated, months[1].Product.ActivationRate = p(1), rate(0.25)
	b, _ = charts.Signups(months)
	m, ss = seriesOf(t, b)
	var ids []string
	for _, s := range ss {
		ids = append(ids, s["id"].(string))
	}
	if strings.Join(ids, ",") != "activated,pending,rate" {
		t.Fatalf("series = %v", ids)
	}
	if ss[1]["data"].([]any)[0].(map[string]any)["value"] != 6.0 || ss[2]["yAxisIndex"] != 1.0 {
		t.Errorf("pending or rate wrong: %s", b)
	}
	if f := m["tooltip"].(map[string]any)["formatter"]; f != "keel:tooltip-mixed:count|count|percent" {
		t.Errorf("tooltip = %v", f)
	}
}

func TestSupportLoadChart(t *testing.T) {
	c := int64(80)
	jan, _ := backend.ParseMonth("2026-01")
	b, err := charts.SupportLoad([]figures.Month{{Month: jan, Revenue: revenue.Figures{Customers: &c}, Support: support.Figures{TicketsPerActiveAccount: rate(1.25)}}, {Month: jan + 1}})
	if err != nil {
		t.Fatal(err)
	}
	m, ss := seriesOf(t, b)
	if len(ss) != 2 || ss[0]["id"] != "per_account" || ss[1]["id"] != "customers" || ss[1]["yAxisIndex"] != 1.0 {
		t.Fatalf("series: %s", b)
	}
	if gap := ss[0]["data"].([]any)[1].(map[string]any)["value"]; gap != "-" {
		t.Errorf("a null ratio is drawn as %v, not a gap", gap)
	}
	if f := m["tooltip"].(map[string]any)["formatter"]; f != "keel:tooltip-mixed:decimal|count" {
		t.Errorf("tooltip = %v", f)
	}
}

func TestUsageAndTrafficCharts(t *testing.T) {
	th, med := int64(600), int64(6)
	b, err := charts.Usage([]product.Bucket{{Min: 1, Max: 1, Accounts: 2}, {Min: 4, Max: 7, Accounts: 9}, {Min: 1024, Max: 2047, Accounts: 1}}, &th, &med)
	if err != nil {
		t.Fatal(err)
	}
	m, ss := seriesOf(t, b)
	data := ss[0]["data"].([]any)
	if got := m["xAxis"].([]any)[0].(map[string]any)["data"].([]any); got[1] != "4–7" || got[0] != "1" {
		t.Errorf("bucket labels %v", got)
	}
	if style := data[2].(map[string]any)["itemStyle"].(map[string]any)["color"]; style != charts.Heavy {
		t.Errorf("the heavy bucket is %v", style)
	}
	pts := make([]traffic.Point, 120)
	for i := range pts {
		pts[i] = traffic.Point{Day: "2026-01-01", Value: float64(i)}
	}
	b, _ = charts.Traffic(pts, "Visitors per day (Plausible)", "day")
	_, ss = seriesOf(t, b)
	if n := len(ss[0]["data"].([]any)); n != 92 || ss[0]["name"] != "Visitors per day (Plausible)" {
		t.Errorf("traffic draws %d points", n)
	}
	if strings.Contains(string(b), "http") {
		t.Error("a chart names a remote asset")
	}
}

// A helpdesk export alone: the tickets by month, a month without ticket
// data a gap.
func TestSupportTicketsChart(t *testing.T) {
	n := int64(42)
	jan, _ := backend.ParseMonth("2026-01")
	b, err := charts.SupportTickets([]figures.Month{{Month: jan}, {Month: jan + 1, Support: support.Figures{Tickets: &n}}})
	if err != nil {
		t.Fatal(err)
	}
	_, ss := seriesOf(t, b)
	if len(ss) != 1 || ss[0]["id"] != "tickets" || ss[0]["type"] != "bar" {
		t.Fatalf("series: %s", b)
	}
	data := ss[0]["data"].([]any)
	if gap, v := data[0].(map[string]any)["value"], data[1].(map[string]any)["value"]; gap != "-" || v != 42.0 {
		t.Errorf("values %v, %v: want a gap, then 42", gap, v)
	}
}
