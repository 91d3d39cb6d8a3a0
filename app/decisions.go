package app

import (
	"keel/backend"
	"keel/backend/decisions"
	"keel/backend/evidence"
	"keel/backend/figures"
)

// Decisions is the bound API of the Decisions screen: the log of every
// decision with its evidence, the moves of its status, and the
// throughput per month.
type Decisions struct{ s *State }

// NewDecisions binds the decisions API to the state.
func NewDecisions(s *State) *Decisions { return &Decisions{s} }

// DecisionsView is the Decisions screen.
type DecisionsView struct {
	Today    string              `json:"today"` // YYYY-MM-DD, the workspace clock
	Currency string              `json:"currency"`
	Entries  []decisions.Entry   `json:"entries"`
	Months   []decisions.Month   `json:"months"` // throughput, the 12 months ending with the last complete one
	Fields   []decisions.Field   `json:"fields"` // what "how we will know" picks from
	Releases []decisions.Release `json:"releases"`
	Kinds    []string            `json:"kinds"`
}

// log opens the decision log of the open workspace.
func (d *Decisions) log() (*decisions.Log, *evidence.Catalogue, error) {
	db, err := d.s.workspace()
	if err != nil {
		return nil, nil, err
	}
	rules, err := figures.ReadRules(db)
	if err != nil {
		return nil, nil, err
	}
	cat := evidence.New(db, rules.BaseCurrency)
	return decisions.New(db, cat, nil), cat, nil // linked to the releases recorded
}

// View is the whole screen.
func (d *Decisions) View() (*DecisionsView, error) {
	l, cat, err := d.log()
	if err != nil {
		return nil, err
	}
	db, _ := d.s.workspace()
	v := &DecisionsView{Today: db.Now().In(db.Location()).Format("2006-01-02"), Currency: cat.Currency(), Fields: cat.Fields(),
		Releases: []decisions.Release{}, Kinds: decisions.Kinds}
	if v.Entries, err = l.List(); err != nil {
		return nil, err
	}
	last := evidence.LastComplete(db)
	var months []string
	for m := trend(last); m <= last; m++ {
		months = append(months, m.String())
	}
	if v.Months, err = l.Throughput(months); err != nil {
		return nil, err
	}
	if v.Releases, err = decisions.Recorded(db).Releases(); err != nil {
		return nil, err
	}
	return v, nil
}

// Record adds a decision typed on the screen.
func (d *Decisions) Record(in backend.Decision) (decisions.Entry, error) {
	l, _, err := d.log()
	if err != nil {
		return decisions.Entry{}, err
	}
	in.Origin, in.OriginRef = backend.OriginDirect, ""
	e, err := l.Record(in)
	d.changed(err)
	return e, err
}

// Edit changes the founder's words of a decision.
func (d *Decisions) Edit(in backend.Decision) (decisions.Entry, error) {
	return d.move(func(l *decisions.Log) (decisions.Entry, error) { return l.Edit(in) })
}

// Link ties a decision to the release that ships it ("" unlinks).
func (d *Decisions) Link(id int64, release string) (decisions.Entry, error) {
	return d.move(func(l *decisions.Log) (decisions.Entry, error) { return l.Link(id, release) })
}

// MarkDone ships a decision no release carries.
func (d *Decisions) MarkDone(id int64) (decisions.Entry, error) {
	return d.move(func(l *decisions.Log) (decisions.Entry, error) { return l.MarkDone(id) })
}

// Confirm records the outcome (validated or invalidated) with the numbers.
func (d *Decisions) Confirm(id int64, outcome, note string) (decisions.Entry, error) {
	return d.move(func(l *decisions.Log) (decisions.Entry, error) { return l.Confirm(id, outcome, note) })
}

// Abandon closes a decision that will not be carried out.
func (d *Decisions) Abandon(id int64, note string) (decisions.Entry, error) {
	return d.move(func(l *decisions.Log) (decisions.Entry, error) { return l.Abandon(id, note) })
}

// Reopen takes back an outcome.
func (d *Decisions) Reopen(id int64) (decisions.Entry, error) {
	return d.move(func(l *decisions.Log) (decisions.Entry, error) { return l.Reopen(id) })
}

// Delete removes a decision from the log.
func (d *Decisions) Delete(id int64) error {
	l, _, err := d.log()
	if err != nil {
		return err
	}
	err = l.Delete(id)
	d.changed(err)
	return err
}

func (d *Decisions) move(f func(*decisions.Log) (decisions.Entry, error)) (decisions.Entry, error) {
	l, _, err := d.log()
	if err != nil {
		return decisions.Entry{}, err
	}
	e, err := f(l)
	d.changed(err)
	return e, err
}

// changed tells the other screens (Home's debt list, the sidebar) that
// the log moved.
func (d *Decisions) changed(err error) {
	if err == nil {
		d.s.emit("decisions:changed", map[string]any{})
	}
}
