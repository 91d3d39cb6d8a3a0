package app

import (
	"encoding/json"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/figures"
)

// Tile is one KPI tile: a figure in the month shown with its change from
// the month before (figures.Change), its sparkline and its rule.
type Tile struct {
	Key    string   `json:"key"` // the figure: "mrr" on a screen, "revenue.mrr" in the review
	Label  string   `json:"label"`
	Unit   string   `json:"unit"`   // money | count | ratio | minutes | multiple
	Digits int      `json:"digits"` // decimals of a multiple, the same on every screen
	Better string   `json:"better"` // up | down: which way is good
	Value  *float64 `json:"value"`  // null: unknown, never 0
	Prev   *float64 `json:"prev"`   // the month before
	Delta  *float64 `json:"delta"`  // value − prev
	Change *float64 `json:"change"` // delta / |prev|, for all but ratios
	// Good says whether the change is good news; null when flat or unknown.
	Good *bool `json:"good"`
	// Values are the tile's months ending at the month shown, and Spark
	// their sparkline.
	Months []backend.Month `json:"months"`
	Values []*float64      `json:"values"`
	Spark  json.RawMessage `json:"spark"`
	Rule   string          `json:"rule"`
	// Missing says why Value is null: the import that would fill it, or
	// that there is nothing to divide by.
	Missing string `json:"missing"`
	// Note is a second, smaller figure: disputed amount, refunds, new customers.
	Note *Note `json:"note"`
}

// Note is a tile's second figure.
type Note struct {
	Value *float64 `json:"value"`
	Unit  string   `json:"unit"`
	Label string   `json:"label"`
}

// figureTile is the tile of figure f in the last month of s, keyed by its
// name within its section ("mrr").
func figureTile(s *figures.Set, f *figures.Field) (Tile, error) {
	last := len(s.Months) - 1
	t := Tile{Key: f.Name(), Label: f.Label, Unit: string(f.Unit), Digits: f.Unit.Digits(), Better: f.Better,
		Rule: f.Rule(s.Rules), Months: s.MonthList(), Values: s.Series(f)}
	t.setChange(f.Compare(s.Value(f, last), s.Value(f, last-1)))
	if t.Value == nil {
		t.Missing = s.Missing(f)
	}
	var err error
	t.Spark, err = charts.Sparkline(t.Values, charts.Accent)
	return t, err
}

func (t *Tile) setChange(c figures.Change) {
	t.Value, t.Prev, t.Delta, t.Change, t.Good = c.Value, c.Prev, c.Delta, c.Rel, c.Good
}

// noteOf is a tile's note: figure f of the last month of s.
func noteOf(s *figures.Set, f *figures.Field, label string) *Note {
	return &Note{Value: s.Value(f, len(s.Months)-1), Unit: string(f.Unit), Label: label}
}

func f64(n int64) *float64 {
	x := float64(n)
	return &x
}

func i2f(p *int64) *float64 {
	if p == nil {
		return nil
	}
	return f64(*p)
}
