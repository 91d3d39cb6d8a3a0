package app

import (
	"context"
	"time"

	"keel/backend"
	"keel/backend/debt"
	"keel/backend/manual"
	"keel/backend/releases"
	"keel/backend/workspace"
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
		"releases": debt.SourceFunc(func(time.Time) ([]debt.Entry, error) { return staleFlags(db) }),
		"feedback": feedbackOf(db),
	}
	l := debt.Collect(d.s.now(), sources, backend.ErrorMessage)
	return &l, nil
}

// staleFlags are the flags the registry finds stale (backend/releases'
// rules, at the workspace clock's now), each opening the Releases screen.
// Since is the day the first rule applied when it has one: the cleanup
// date passed, or the threshold after the flag last changed state.
func staleFlags(db *workspace.DB) ([]debt.Entry, error) {
	reg, err := releases.Flags(db, false)
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	now := db.Now()
	out := []debt.Entry{}
	for _, f := range reg.Flags {
		if len(f.Stale) == 0 || f.DeletedAt != nil {
			continue
		}
		since := ""
		switch limit := now.AddDate(0, 0, -reg.StaleDays); {
		case f.Lifetime == "temporary" && f.CleanupDue != nil && f.CleanupDue.Before(now):
			since = f.CleanupDue.In(loc).Format("2006-01-02")
		case f.StateSince != nil && f.StateSince.Before(limit):
			since = f.StateSince.AddDate(0, 0, reg.StaleDays).In(loc).Format("2006-01-02")
		}
		detail := f.Stale[0]
		if f.Owner != "" {
			detail += " " + f.Owner + " owns it."
		}
		out = append(out, debt.Entry{Kind: debt.StaleFlag, Area: "releases", Ref: f.FlagKey, Since: since,
			Title: "Clean up the flag “" + f.FlagKey + "”", Detail: detail})
	}
	return out, nil
}
