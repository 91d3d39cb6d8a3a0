// Package evidence hands the decision log the field catalogue and the
// values of its figures: what a decision's "how we will know" picks from
// and is judged by. It is the one place that knows where the figures
// come from (today the metrics and the review's catalogue; the read
// model once it lands), for the window and the command line alike.
package evidence

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"time"

	"keel/backend"
	"keel/backend/decisions"
	"keel/backend/demo"
	"keel/backend/metrics"
	"keel/backend/review"
	"keel/backend/workspace"
)

// Catalogue is the field catalogue as the decisions see it: the figures
// of `keel metrics` with their labels, units and directions.
type Catalogue struct {
	db  *workspace.DB
	cur string
}

// New is the catalogue of db, money in cur.
func New(db *workspace.DB, cur string) *Catalogue { return &Catalogue{db: db, cur: cur} }

func (c *Catalogue) Fields() []decisions.Field {
	var out []decisions.Field
	for _, f := range review.Fields() {
		out = append(out, decisions.Field{Key: f.Key, Label: f.Label, Unit: string(f.Unit), Better: f.Better, Missing: f.Missing})
	}
	return out
}

func (c *Catalogue) Currency() string { return c.cur }

// Values computes the months' metrics once and reads the figures asked.
func (c *Catalogue) Values(keys, months []string) (map[string]map[string]*float64, error) {
	out := map[string]map[string]*float64{}
	for _, k := range keys {
		out[k] = map[string]*float64{}
	}
	if len(months) == 0 {
		return out, nil
	}
	ms := append([]string(nil), months...)
	sort.Strings(ms)
	last := ms[len(ms)-1]
	if lc := LastComplete(c.db); last > lc {
		last = lc // a month not yet over has no figure to judge by
	}
	if ms[0] > last {
		return out, nil
	}
	rep, err := metrics.Compute(c.db, ms[0], last)
	if err != nil {
		return nil, err
	}
	// The report's months as section.field → value (the read model will
	// hand these over typed).
	raw, err := json.Marshal(rep.Months)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read the metrics: %v", err)
	}
	var rows []map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&rows); err != nil {
		return nil, backend.Errorf(backend.Internal, "read the metrics: %v", err)
	}
	for _, row := range rows {
		var month string
		json.Unmarshal(row["month"], &month)
		for section, body := range row {
			var fields map[string]*json.Number
			if json.Unmarshal(body, &fields) != nil {
				continue
			}
			for name, v := range fields {
				if m, ok := out[section+"."+name]; ok && v != nil {
					if x, err := v.Float64(); err == nil {
						m[month] = &x
					}
				}
			}
		}
	}
	return out, nil
}

// LastComplete is the last month that has ended, by the workspace clock.
func LastComplete(db *workspace.DB) string {
	now := db.Now().In(db.Location())
	return time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, db.Location()).Format("2006-01")
}

// DemoWords writes what the demo's founder typed into Keel (cost drivers,
// plans, terms, a year of decisions judged by this catalogue) and the
// usage summary, as pipeline.CreateDemo finishes the demo workspace.
func DemoWords(now time.Time) func(context.Context, *workspace.DB) error {
	return func(ctx context.Context, db *workspace.DB) error {
		cur, err := metrics.BaseCurrency(db)
		if err != nil {
			return err
		}
		if err := demo.Seed(ctx, db, now, New(db, cur)); err != nil {
			return err
		}
		return db.EnsureUsage(ctx)
	}
}
