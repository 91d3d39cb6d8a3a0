package review

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/internal/demotest"
	"keel/backend/workspace"
)

// demoNow is the fixed clock of the tests: the demo company's data runs to
// mid-March 2026, so February 2026 is the last complete month.
var demoNow = demotest.Now

var demo = demotest.New("keel-review-")

func TestMain(m *testing.M) {
	code := m.Run()
	demo.Remove()
	os.Exit(code)
}

// demoDB opens a private copy of the demo workspace (built once per test
// run) with the clock fixed at now.
func demoDB(t testing.TB, now time.Time) *workspace.DB {
	t.Helper()
	return demo.Open(t, now)
}

// month is one crafted month of figures: "revenue.mrr" → value; a key
// mapped to nil is a missing figure.
type month map[string]any

// figs builds a Set of crafted months ending with 2026-02, oldest first,
// reading each month as `keel metrics --json` writes it.
func figs(t *testing.T, cur string, ms ...month) *figures.Set {
	t.Helper()
	end, _ := backend.ParseMonth("2026-02")
	s := &figures.Set{BaseCurrency: cur, Rules: figures.Rules{BaseCurrency: cur, ActivationDays: 14}}
	for i, m := range ms {
		obj := map[string]any{}
		for k, v := range m {
			if _, ok := figures.FieldOf(k); !ok {
				t.Fatalf("no figure %s", k)
			}
			section, name, _ := strings.Cut(k, ".")
			sec, _ := obj[section].(map[string]any)
			if sec == nil {
				sec = map[string]any{}
				obj[section] = sec
			}
			sec[name] = v
		}
		raw, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		fm := figures.Month{Month: end.Add(i - len(ms) + 1)}
		if err := json.Unmarshal(raw, &fm); err != nil {
			t.Fatal(err)
		}
		s.Months = append(s.Months, fm)
	}
	return s
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

// mo is a month written YYYY-MM.
func mo(s string) backend.Month {
	m, err := backend.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}
