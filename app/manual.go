package app

import (
	"context"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/manual"
	"keel/backend/review"
)

// Manual is the bound API of the Manual work screen and of the quick
// dialog that logs an intervention from anywhere.
type Manual struct{ s *State }

// NewManual binds the manual work API to the state.
func NewManual(s *State) *Manual { return &Manual{s} }

// ManualKind is a kind of intervention with its words.
type ManualKind struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// ManualOverview is the Manual work screen for one month.
type ManualOverview struct {
	Period
	Overview *manual.Overview `json:"overview"`
	Tiles    []Tile           `json:"tiles"`
	Kinds    []ManualKind     `json:"kinds"`
}

// needLog is what fills the manual work figures.
const needLog = "Log manual work (Ctrl+Shift+M anywhere, or keel manual add) to see it here."

// Kinds lists the kinds of intervention.
func (m *Manual) Kinds() []ManualKind {
	out := make([]ManualKind, 0, len(backend.ManualKinds))
	for _, k := range backend.ManualKinds {
		out = append(out, ManualKind{ID: k, Label: manual.Label(k)})
	}
	return out
}

// Today is the day by the workspace clock (YYYY-MM-DD in its time zone):
// the day the dialog proposes.
func (m *Manual) Today() (string, error) {
	db, err := m.s.workspace()
	if err != nil {
		return "", err
	}
	return db.Now().In(db.Location()).Format("2006-01-02"), nil
}

// Overview is the screen for month (YYYY-MM; "" for the last complete
// month).
func (m *Manual) Overview(month string) (*ManualOverview, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := m.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	o, err := manual.Load(context.Background(), db, sel, loadPlanWords(db).of)
	if err != nil {
		return nil, err
	}
	v := &ManualOverview{Period: per, Overview: o, Kinds: m.Kinds()}
	v.widen(monthStart(per.Default, db.Location()).AddDate(0, -23, 0)) // two years of months to pick from
	if cur := ym(db.Now().In(db.Location())); v.Last < cur {
		v.Last = cur // the month so far: what was just logged
	}
	months := make([]string, len(o.Months))
	series := map[string][]*float64{}
	for i, mo := range o.Months {
		months[i] = mo.Month
		series["interventions"] = append(series["interventions"], i2f(mo.Interventions))
		series["minutes"] = append(series["minutes"], i2f(mo.Minutes))
		series["per_account"] = append(series["per_account"], mo.PerAccount)
	}
	for _, t := range []struct{ key, series, missing string }{
		{"operations.manual_interventions", "interventions", needLog},
		{"operations.manual_minutes", "minutes", needLog},
		{"operations.manual_interventions_per_account", "per_account", needLog},
	} {
		missing := t.missing
		if o.Logged > 0 {
			missing = "No active accounts this month, so there is nothing to divide by."
		}
		tile, err := seriesTile(t.key, months, series[t.series], review.Rules{}, missing)
		if err != nil {
			return nil, err
		}
		v.Tiles = append(v.Tiles, tile)
	}
	return v, nil
}

// Log records an intervention typed in the quick dialog or the screen.
func (m *Manual) Log(in manual.Input) (*manual.Entry, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	e, err := manual.Log(context.Background(), db, in)
	if err != nil {
		return nil, err
	}
	m.s.emit("manual:changed", map[string]any{})
	return &manual.Entry{Key: e.Key, At: e.At, Date: e.At.In(db.Location()).Format("2006-01-02"), Account: e.Account,
		Kind: e.Type, KindLabel: manual.Label(e.Type), Minutes: e.Minutes, Note: e.Note}, nil
}

// Edit changes an intervention logged in Keel.
func (m *Manual) Edit(key string, in manual.Input) error {
	db, err := m.s.workspace()
	if err != nil {
		return err
	}
	if _, err := manual.Edit(context.Background(), db, key, in); err != nil {
		return err
	}
	m.s.emit("manual:changed", map[string]any{})
	return nil
}

// Delete removes an intervention logged in Keel.
func (m *Manual) Delete(key string) error {
	db, err := m.s.workspace()
	if err != nil {
		return err
	}
	if err := manual.Delete(db, key); err != nil {
		return err
	}
	m.s.emit("manual:changed", map[string]any{})
	return nil
}

// FindAccounts lists up to 8 accounts for the dialog's account field.
func (m *Manual) FindAccounts(query string) ([]accounts.Match, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	l, err := accounts.LoadLookup(context.Background(), db)
	if err != nil {
		return nil, err
	}
	return l.Search(query, 8), nil
}
