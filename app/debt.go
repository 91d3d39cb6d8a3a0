package app

import (
	"context"
	"time"

	"keel/backend"
	"keel/backend/debt"
	"keel/backend/manual"
	"keel/backend/releases"
)

// Debt is the bound API of Home's list of operating debt.
type Debt struct{ s *State }

// NewDebt binds the operating debt API to the state.
func NewDebt(s *State) *Debt { return &Debt{s} }

// List is every area's debt today, oldest first.
func (d *Debt) List() (*debt.List, error) {
	db, err := d.s.workspace()
	if err != nil {
		return nil, err
	}
	log, _, err := NewDecisions(d.s).log()
	if err != nil {
		return nil, err
	}
	sources := map[string]debt.Source{
		"decisions": log,
		"manual": debt.SourceFunc(func(today time.Time) ([]debt.Entry, error) {
			return manual.Debt(context.Background(), db, today)
		}),
		"releases": debt.SourceFunc(func(time.Time) ([]debt.Entry, error) { return releases.Debt(db) }),
		"feedback": feedbackOf(db),
	}
	l := debt.Collect(d.s.now(), sources, backend.ErrorMessage)
	return &l, nil
}
