// Package evidence hands the decision log the field catalogue and the
// values of its figures (the read model, backend/figures): what a
// decision's "how we will know" picks from and is judged by, for the
// window and the command line alike.
package evidence

import (
	"sort"

	"keel/backend"
	"keel/backend/decisions"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// Catalogue is the field catalogue as the decisions see it.
type Catalogue struct {
	db  *workspace.DB
	cur string
}

// New is the catalogue of db, money in cur.
func New(db *workspace.DB, cur string) *Catalogue { return &Catalogue{db: db, cur: cur} }

// Fields lists every figure of the catalogue, in its order.
func (c *Catalogue) Fields() []decisions.Field {
	var out []decisions.Field
	for _, f := range figures.Fields() {
		out = append(out, decisions.Field{Key: f.Key, Label: f.Label, Unit: string(f.Unit), Better: f.Better,
			Missing: missing(f)})
	}
	return out
}

// missing is what fills f in a workspace that has none of its data.
func missing(f *figures.Field) string {
	if h := figures.Data(0).Lacks(f.Needs); h != nil {
		return h.Text
	}
	return f.Empty
}

func (c *Catalogue) Currency() string { return c.cur }

// Values reads the figures asked for, of the months asked for, from one
// Set of the months between them. A month not over yet has no figure to
// judge by.
func (c *Catalogue) Values(keys, months []string) (map[string]map[string]*float64, error) {
	out := map[string]map[string]*float64{}
	for _, k := range keys {
		out[k] = map[string]*float64{}
	}
	var ms []backend.Month
	last := backend.LastComplete(c.db.Now(), c.db.Location())
	for _, s := range months {
		m, err := backend.ParseMonth(s)
		if err != nil {
			return nil, err
		}
		if m <= last {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return out, nil
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i] < ms[j] })
	s, err := figures.Load(c.db, ms[0], ms[len(ms)-1])
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		f, ok := figures.FieldOf(k)
		if !ok {
			continue
		}
		for _, m := range ms {
			out[k][m.String()] = s.Value(f, s.Index(m))
		}
	}
	return out, nil
}

// LastComplete is the last month that has ended, by the workspace clock.
func LastComplete(db *workspace.DB) backend.Month {
	return backend.LastComplete(db.Now(), db.Location())
}
