package review

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// month is one crafted month of figures: "revenue.mrr" → value; a key
// mapped to nil is a missing figure (JSON null).
type month map[string]any

// figs builds Figures for crafted months ending with 2026-02, oldest
// first, the way they come out of `keel metrics --json`.
func figs(t *testing.T, cur string, ms ...month) *Figures {
	t.Helper()
	end := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	var out []map[string]any
	for i, m := range ms {
		obj := map[string]any{"month": end.AddDate(0, i-len(ms)+1, 0).Format("2006-01")}
		for k, v := range m {
			section, field, _ := strings.Cut(k, ".")
			sec, _ := obj[section].(map[string]any)
			if sec == nil {
				sec = map[string]any{}
				obj[section] = sec
			}
			sec[field] = v
		}
		out = append(out, obj)
	}
	raw, err := json.Marshal(map[string]any{"base_currency": cur, "months": out})
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFigures(raw)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// series gives key the values vs over the last len(vs) months (nil =
// missing), adding earlier months when ms is shorter.
func series(ms []month, key string, vs ...any) []month {
	for len(ms) < len(vs) {
		ms = append([]month{{}}, ms...)
	}
	for i, v := range vs {
		ms[len(ms)-len(vs)+i][key] = v
	}
	return ms
}

func TestFiguresKeepNullsAndOrder(t *testing.T) {
	f := figs(t, "usd", month{"revenue.mrr": 100, "support.tickets": nil, "zeta.custom": 3}, month{"revenue.mrr": 110, "revenue.new": 10})
	if f.Len() != 2 || f.Months[1] != "2026-02" || f.Months[0] != "2026-01" {
		t.Fatalf("months %v", f.Months)
	}
	if v := f.Last("revenue.mrr"); v == nil || *v != 110 {
		t.Errorf("mrr = %v", v)
	}
	if f.Value("support.tickets", 0) != nil || f.Last("revenue.new") == nil {
		t.Error("null must stay nil and present values must be read")
	}
	keys := strings.Join(f.Keys(), " ")
	if keys != "revenue.mrr revenue.new support.tickets zeta.custom" {
		t.Errorf("keys in METRICS.md order, unknown last: %s", keys)
	}
	if FieldOf("zeta.custom").Label != "custom" {
		t.Errorf("an unknown figure is labelled by its name")
	}
}
