package app

import (
	"context"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/figures"
	"keel/backend/manual"
	"keel/backend/revenue"
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

// manualFields are the tiles of the screen.
var manualFields = figures.MustFields("operations.manual_interventions", "operations.manual_minutes",
	"operations.manual_interventions_per_account")

// Overview is the screen for month (YYYY-MM; "" for the last complete
// month); the picker reaches the month so far, where what was just logged
// is.
func (m *Manual) Overview(month string) (*ManualOverview, error) {
	db, err := m.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := m.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	o, err := manual.Load(context.Background(), db, sel.Start(loc), names.Of)
	if err != nil {
		return nil, err
	}
	v := &ManualOverview{Period: per, Overview: o, Kinds: m.Kinds(), Tiles: []Tile{}}
	if now := backend.MonthOf(m.s.now(), loc); v.Last < now {
		v.Last = now
	}
	s, err := figures.Load(db, trend(sel), sel)
	if err != nil {
		return nil, err
	}
	for _, f := range manualFields {
		t, err := figureTile(s, f)
		if err != nil {
			return nil, err
		}
		v.Tiles = append(v.Tiles, t)
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
