package review

import (
	"encoding/json"
	"os"
	"testing"
)

// TestReadsAVersion1Snapshot: a review frozen by the Keel before the read
// model (snapshot format 1, testdata/snapshot-v1.json: the demo's February
// frozen on 14 March 2026) still reads, with the numbers it froze.
func TestReadsAVersion1Snapshot(t *testing.T) {
	raw, err := os.ReadFile("testdata/snapshot-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := readSnapshot(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Figures
	if len(s.Months) != Window || s.Months[Window-1].Month != mo("2026-02") || s.BaseCurrency != "usd" {
		t.Fatalf("months %v, currency %q", s.MonthList(), s.BaseCurrency)
	}
	// Every number of every month is the one frozen.
	var frozen struct {
		Data struct {
			Metrics struct {
				Months []map[string]json.RawMessage `json:"months"`
			} `json:"metrics"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &frozen); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, m := range frozen.Data.Metrics.Months {
		for section, body := range m {
			if section == "month" {
				continue
			}
			var vals map[string]*float64
			if err := json.Unmarshal(body, &vals); err != nil {
				t.Fatal(err)
			}
			for name, want := range vals {
				got := s.Value(field(section+"."+name), i)
				if !same(got, want) {
					t.Errorf("%s %s.%s = %v, frozen %v", s.Months[i].Month, section, name, got, want)
				}
				n++
			}
		}
	}
	if n < 400 {
		t.Errorf("only %d numbers compared", n)
	}
	if len(s.Movements) == 0 || len(s.Last().Plans) == 0 || len(s.Cohorts) != Window || s.Tables != nil {
		t.Errorf("movements %d, plans %d, cohorts %d, tables %v", len(s.Movements), len(s.Last().Plans), len(s.Cohorts), s.Tables)
	}
	if s.Rules.ChurnTiming != "period_end" || s.Rules.Rates == nil {
		t.Errorf("rules %+v", s.Rules)
	}
	// What the data had follows from the frozen numbers: the readings of a
	// missing number say what fills it.
	if act := number(s, field("product.activation_rate")); act.Value != nil || act.Missing == "" {
		t.Errorf("activation %+v", act)
	}
	if len(c.Steps) != 6 || c.Steps[1].Reading == "" {
		t.Errorf("steps %+v", c.Steps)
	}
}
