package app

import (
	"context"
	"time"

	"keel/backend"
	"keel/backend/debt"
	"keel/backend/manual"
)

// Debt is the bound API of Home's list of operating debt.
type Debt struct{ s *State }

// NewDebt binds the operating debt API to the state.
func NewDebt(s *State) *Debt { return &Debt{s} }

// List is every area's debt today, oldest first. The releases area (stale
// flags, known issues) and the feedback area (untriaged items, people not
// told) add their sources here.
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
	}
	l := debt.Collect(d.s.now(), sources, backend.ErrorMessage)
	return &l, nil
}
