package charts_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/figures"
	"keel/backend/revenue"
)

// decode reads options back as the page will.
func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("options are not JSON: %v\n%s", err, b)
	}
	return m
}

func list(t *testing.T, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("%v is not a list", v)
	}
	return l
}

func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	o, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not an object", v)
	}
	return o
}

// values lists a series' data values as numbers (nil for a gap).
func values(t *testing.T, s map[string]any) []any {
	t.Helper()
	var out []any
	for _, d := range list(t, s["data"]) {
		v := obj(t, d)["value"]
		if f, ok := v.(float64); ok {
			out = append(out, int64(f))
		} else {
			out = append(out, v)
		}
	}
	return out
}

func byID(t *testing.T, m map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, s := range list(t, m["series"]) {
		o := obj(t, s)
		out[o["id"].(string)] = o
	}
	return out
}

// month is a month of revenue figures: MRR and its movements.
func month(m string, mrr, newMRR, expansion, reactivation, contraction, churn, fx int64) figures.Month {
	p := func(n int64) *int64 { return &n }
	mo, err := backend.ParseMonth(m)
	if err != nil {
		panic(err)
	}
	return figures.Month{Month: mo, Revenue: revenue.Figures{MRR: p(mrr), New: p(newMRR), Expansion: p(expansion),
		Reactivation: p(reactivation), Contraction: p(contraction), Churn: p(churn), FX: p(fx)}}
}

func months() []figures.Month {
	return []figures.Month{
		month("2025-01", 10000, 10000, 0, 0, 0, 0, 0),
		month("2025-02", 12900, 2900, 1000, 0, 500, 500, 0),
		month("2025-03", 12400, 0, 0, 2000, 0, 2500, 0),
	}
}

func TestMRRChart(t *testing.T) {
	b, err := charts.MRR(months(), "USD")
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, b)
	if _, ok := m["color"]; ok {
		t.Error("options carry go-echarts' default palette; the page theme owns it")
	}
	series := byID(t, m)
	var ids []string
	for _, s := range list(t, m["series"]) {
		ids = append(ids, obj(t, s)["id"].(string))
	}
	// No fx in a single-currency workspace.
	if want := []string{"mrr", "new", "expansion", "reactivation", "contraction", "churn"}; !slices.Equal(ids, want) {
		t.Fatalf("series = %v, want %v", ids, want)
	}
	want := map[string]struct {
		name, colour string
		values       []any
	}{
		"new":          {"New", "#16A34A", []any{int64(10000), int64(2900), int64(0)}},
		"expansion":    {"Expansion", "#0D9488", []any{int64(0), int64(1000), int64(0)}},
		"reactivation": {"Reactivation", "#2563EB", []any{int64(0), int64(0), int64(2000)}},
		"contraction":  {"Contraction", "#EA580C", []any{int64(0), int64(-500), int64(0)}},
		"churn":        {"Churn", "#DC2626", []any{int64(0), int64(-500), int64(-2500)}},
	}
	for id, w := range want {
		s := series[id]
		if s["type"] != "bar" || s["name"] != w.name || s["stack"] != "movements" || s["xAxisIndex"] != 1.0 || s["yAxisIndex"] != 1.0 {
			t.Errorf("%s: %v", id, s)
		}
		if c := obj(t, s["itemStyle"])["color"]; c != w.colour {
			t.Errorf("%s colour = %v, want %s", id, c, w.colour)
		}
		if got := values(t, s); !slices.Equal(got, w.values) {
			t.Errorf("%s values = %v, want %v", id, got, w.values)
		}
	}
	line := series["mrr"]
	if line["type"] != "line" || line["name"] != "MRR" || !slices.Equal(values(t, line), []any{int64(10000), int64(12900), int64(12400)}) {
		t.Errorf("MRR line = %v", line)
	}
	if _, ok := line["xAxisIndex"]; ok {
		t.Error("the MRR line is not on the top grid")
	}
	// Two grids on the same months: labels on the bottom one, formatted on the page.
	xs := list(t, m["xAxis"])
	if len(xs) != 2 || len(list(t, m["grid"])) != 2 {
		t.Fatalf("xAxis = %v grid = %v", xs, m["grid"])
	}
	for i, x := range xs {
		ax := obj(t, x)
		if d := list(t, ax["data"]); len(d) != 3 || d[0] != "2025-01" {
			t.Errorf("xAxis %d data = %v", i, d)
		}
		if f := obj(t, ax["axisLabel"])["formatter"]; f != charts.FormatMonth {
			t.Errorf("xAxis %d formatter = %v", i, f)
		}
	}
	for _, y := range list(t, m["yAxis"]) {
		if f := obj(t, obj(t, y)["axisLabel"])["formatter"]; f != "keel:money-short:usd" {
			t.Errorf("yAxis formatter = %v", f)
		}
	}
	if f := obj(t, m["tooltip"])["formatter"]; f != "keel:tooltip:money:usd" {
		t.Errorf("tooltip formatter = %v", f)
	}
}

func TestMRRChartShowsFXOnlyWhenThereIsSome(t *testing.T) {
	ms := months()
	minus := int64(-37)
	ms[2].Revenue.FX = &minus
	b, err := charts.MRR(ms, "usd")
	if err != nil {
		t.Fatal(err)
	}
	fx := byID(t, decode(t, b))["fx"]
	if fx == nil || obj(t, fx["itemStyle"])["color"] != "#9CA3AF" || !slices.Equal(values(t, fx), []any{int64(0), int64(0), int64(-37)}) {
		t.Errorf("fx = %v", fx)
	}
}

func TestSparklineHasGapsAndNoAxes(t *testing.T) {
	one, two := 1.5, 2.0
	b, err := charts.Sparkline([]*float64{&one, nil, &two}, charts.Accent)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, b)
	s := byID(t, m)["trend"]
	if got := values(t, s); len(got) != 3 || got[0] != int64(1) || got[1] != "-" || got[2] != int64(2) {
		t.Errorf("values = %v", got)
	}
	if obj(t, s["lineStyle"])["color"] != charts.Accent {
		t.Errorf("line = %v", s["lineStyle"])
	}
	for _, k := range []string{"xAxis", "yAxis"} {
		if obj(t, list(t, m[k])[0])["show"] != false {
			t.Errorf("%s shown", k)
		}
	}
	if obj(t, m["tooltip"])["show"] != false {
		t.Error("a sparkline has its own tooltip")
	}
}

func TestPlanMixIsBarsLargestFirst(t *testing.T) {
	b, err := charts.PlanMix([]revenue.PlanMRR{{Plan: "Scale", MRR: 29900, Subscriptions: 1}, {Plan: "Growth", MRR: 19800, Subscriptions: 2}}, "eur")
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, b)
	y := obj(t, list(t, m["yAxis"])[0])
	if d := list(t, y["data"]); len(d) != 2 || d[0] != "Scale" || y["inverse"] != true {
		t.Errorf("yAxis = %v", y)
	}
	s := byID(t, m)["plans"]
	if s["type"] != "bar" || !slices.Equal(values(t, s), []any{int64(29900), int64(19800)}) {
		t.Errorf("plans = %v", s)
	}
	if f := obj(t, obj(t, list(t, m["xAxis"])[0])["axisLabel"])["formatter"]; f != "keel:money-short:eur" {
		t.Errorf("formatter = %v", f)
	}
}

func TestCustomerMRRBars(t *testing.T) {
	b, err := charts.CustomerMRR([]string{"2025-01", "2025-02"}, []int64{0, 4900}, "usd")
	if err != nil {
		t.Fatal(err)
	}
	s := byID(t, decode(t, b))["mrr"]
	if s["type"] != "bar" || obj(t, s["itemStyle"])["color"] != charts.Accent || !slices.Equal(values(t, s), []any{int64(0), int64(4900)}) {
		t.Errorf("customer MRR = %v", s)
	}
}

// Keel is offline: no option may name a remote asset or go-echarts' CDN.
func TestOptionsNameNothingRemote(t *testing.T) {
	one := 1.0
	var all []string
	for _, f := range []func() ([]byte, error){
		func() ([]byte, error) { return charts.MRR(months(), "usd") },
		func() ([]byte, error) { return charts.Sparkline([]*float64{&one}, charts.Accent) },
		func() ([]byte, error) { return charts.PlanMix(nil, "usd") },
		func() ([]byte, error) { return charts.CustomerMRR(nil, nil, "usd") },
	} {
		b, err := f()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, string(b))
	}
	if u := regexp.MustCompile(`(?i)https?://|go-echarts-assets|\bcdn\b`).FindString(strings.Join(all, "\n")); u != "" {
		t.Errorf("options mention %q", u)
	}
}

func TestEffectAndLabels(t *testing.T) {
	if revenue.Churn.Effect(5) != -5 || revenue.Contraction.Effect(5) != -5 || revenue.New.Effect(5) != 5 || revenue.FX.Effect(-3) != -3 {
		t.Error("effect signs")
	}
	if revenue.FX.Label() != "FX" || revenue.Reactivation.Label() != "Reactivation" || revenue.Kind("").Label() != "All movements" {
		t.Error("labels")
	}
	for _, k := range charts.Movements {
		if charts.MovementColours[k] == "" {
			t.Errorf("no colour for %s", k)
		}
	}
}
