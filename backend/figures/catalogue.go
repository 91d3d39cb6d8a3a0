package figures

import (
	"math"
	"strings"
)

// Unit says how a figure is shown.
type Unit string

const (
	Money    Unit = "money"    // minor units of the base currency
	Count    Unit = "count"    // a whole number
	Ratio    Unit = "ratio"    // a fraction: 0.05 = 5 %
	Minutes  Unit = "minutes"  // a duration in minutes
	Multiple Unit = "multiple" // a plain decimal: quick ratio, tickets per account
)

// Digits is how many decimals a figure of the unit is shown with where it
// is a plain decimal: multiples read 1.52 on every screen, in the review
// and in the readings.
func (u Unit) Digits() int {
	if u == Multiple {
		return 2
	}
	return 0
}

// Field is one figure of the catalogue: its key (the section and field
// name of `keel metrics --json`), its label, unit, which direction is good
// news, the data it is computed from (and so the import that fills it when
// missing), why it can be null with that data there, and its rule in the
// words of METRICS.md.
type Field struct {
	Key    string
	Label  string
	Unit   Unit
	Better string // "up", "down", or "" when neither is good news
	Needs  Data
	// Empty says why the figure is null although its data is there (a
	// denominator of 0); "" when it never is.
	Empty string
	rule  func(Rules) string
	get   func(*Month) *float64
}

// Rule is the field's rule as applied under r.
func (f *Field) Rule(r Rules) string { return f.rule(r) }

// Of reads the figure of one month as a number; nil when missing. Money
// is in minor units (exact: a float64 holds every amount below 2^53).
func (f *Field) Of(m *Month) *float64 { return f.get(m) }

// Name is the field's name within its section: "mrr".
func (f *Field) Name() string { return f.Key[strings.IndexByte(f.Key, '.')+1:] }

// Section is the field's section: "revenue".
func (f *Field) Section() string { return f.Key[:strings.IndexByte(f.Key, '.')] }

// catalogue lists every figure of METRICS.md in its order; each section
// lists its fields in its own file (fields_*.go).
var catalogue = join(revenueFields, supportFields, productFields, operationsFields, feedbackFields, laterFields, salesFields)

var byKey = func() map[string]*Field {
	m := map[string]*Field{}
	for _, f := range catalogue {
		if m[f.Key] != nil {
			panic("figures: two fields " + f.Key)
		}
		m[f.Key] = f
	}
	return m
}()

func join(lists ...[]*Field) []*Field {
	var out []*Field
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Fields lists every figure, in the order of METRICS.md.
func Fields() []*Field { return append([]*Field(nil), catalogue...) }

// FieldOf is the field of a key ("revenue.mrr"), and false for a key the
// catalogue does not know.
func FieldOf(key string) (*Field, bool) {
	f, ok := byKey[key]
	return f, ok
}

// MustFields are the fields of keys, in that order. It panics on a key the
// catalogue does not know: the lists of figures each screen, step and
// sheet shows are package variables, so a misspelt key stops every test
// of the package at once.
func MustFields(keys ...string) []*Field {
	out := make([]*Field, len(keys))
	for i, k := range keys {
		f, ok := byKey[k]
		if !ok {
			panic("figures: no field " + k)
		}
		out[i] = f
	}
	return out
}

// Change is a figure in a month against the month before: the one rule
// for the change every tile, review number and report cell shows.
type Change struct {
	Value *float64 `json:"value"`
	Prev  *float64 `json:"prev"`
	// Delta is Value − Prev; for ratios it is in fraction points.
	Delta *float64 `json:"delta"`
	// Rel is Delta / |Prev| for money, counts, minutes and multiples; nil
	// for ratios (their Delta says it) or when Prev is nil or 0.
	Rel *float64 `json:"change"`
	// Good says whether the change is good news; nil when there is none,
	// it is unknown, or neither direction is good.
	Good *bool `json:"good"`
}

// Compare is the change from prev to value.
func (f *Field) Compare(value, prev *float64) Change {
	c := Change{Value: value, Prev: prev}
	if value == nil || prev == nil {
		return c
	}
	d := *value - *prev
	c.Delta = &d
	if f.Unit != Ratio && *prev != 0 {
		r := d / math.Abs(*prev)
		c.Rel = &r
	}
	if d != 0 && f.Better != "" {
		good := (d > 0) == (f.Better == "up")
		c.Good = &good
	}
	return c
}

func num(p *int64) *float64 {
	if p == nil {
		return nil
	}
	x := float64(*p)
	return &x
}

func dec(p *float64) *float64 {
	if p == nil {
		return nil
	}
	x := *p
	return &x
}

// text is a rule that does not depend on the rules in force.
func text(s string) func(Rules) string { return func(Rules) string { return s } }
