package app

import (
	"strings"
	"time"

	"keel/backend"
	"keel/backend/charts"
	"keel/backend/review"
	"keel/backend/workspace"
)

// Helpers shared by the Users, Support and Accounts screens: the month
// picker's month and the KPI tiles built from a series of monthly values.

// Period is the month a screen shows and the month picker's range.
type Period struct {
	Month   string `json:"month"`   // YYYY-MM shown
	Default string `json:"default"` // the last complete month
	First   string `json:"first"`   // the month picker's range
	Last    string `json:"last"`
}

// pickMonth reads the month argument of a screen ("YYYY-MM", "" for the
// last complete month by the app's clock) in the workspace time zone, and
// returns its first instant with the months of the trend that ends there.
func (s *State) pickMonth(db *workspace.DB, arg string) (sel time.Time, p Period, err error) {
	loc := db.Location()
	now := s.now().In(loc)
	last := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, loc)
	sel = last
	if arg = strings.TrimSpace(arg); arg != "" {
		sel, err = time.ParseInLocation("2006-01", arg, loc)
		if err != nil {
			return sel, p, backend.Errorf(backend.Invalid, "%q is not a month; write it as YYYY-MM, e.g. 2025-03.", arg)
		}
	}
	p = Period{Month: ym(sel), Default: ym(last), First: ym(last), Last: ym(last)}
	if sel.After(last) {
		p.Last = ym(sel)
	}
	if sel.Before(last) {
		p.First = ym(sel)
	}
	return sel, p, nil
}

// widen moves the picker's first month back to first (the data's start).
func (p *Period) widen(first time.Time) {
	if !first.IsZero() && ym(first) < p.First {
		p.First = ym(first)
	}
}

// trend is the months of a tile's sparkline, ending at sel.
func trend(sel time.Time) (first time.Time, months []string) {
	first = sel.AddDate(0, 1-trendMonths, 0)
	for m := first; !m.After(sel); m = m.AddDate(0, 1, 0) {
		months = append(months, ym(m))
	}
	return first, months
}

// seriesTile is a KPI tile from a field's monthly values (the last one is
// the month shown): value, month-over-month change, good or bad news,
// sparkline, and the rule; missing says why a null value is null.
func seriesTile(key string, months []string, values []*float64, rules review.Rules, missing string) (Tile, error) {
	f := review.FieldOf(key)
	name := key[strings.IndexByte(key, '.')+1:]
	t := Tile{Key: name, Label: f.Label, Unit: string(f.Unit), Better: f.Better, Rule: f.Rule(rules), Months: months, Values: values}
	last := len(values) - 1
	if last >= 0 {
		t.Value = values[last]
	}
	if last > 0 {
		t.Prev = values[last-1]
	}
	if t.Value != nil && t.Prev != nil {
		d := *t.Value - *t.Prev
		t.Delta = &d
		if t.Unit != string(review.Ratio) && *t.Prev != 0 {
			c := d / abs(*t.Prev)
			t.Change = &c
		}
		if d != 0 && t.Better != "" {
			good := (d > 0) == (t.Better == "up")
			t.Good = &good
		}
	}
	if t.Value == nil {
		t.Missing = missing
		if t.Missing == "" {
			t.Missing = f.Missing
		}
	}
	var err error
	t.Spark, err = charts.Sparkline(values, charts.Accent)
	return t, err
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

// monthStart is the first instant of the month "YYYY-MM" in loc.
func monthStart(s string, loc *time.Location) time.Time {
	t, _ := time.ParseInLocation("2006-01", s, loc)
	return t
}
