package app

import (
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// The month the window shows: one month for every screen, kept in the
// workspace (so it survives a restart), and the month picker's range.

// Period is the month a screen shows and the month picker's range.
type Period struct {
	Month backend.Month `json:"month"` // shown
	// Default is the month a workspace opens on: the last complete month
	// with data (Note says so when that is not the last complete month).
	Default      backend.Month `json:"default"`
	LastComplete backend.Month `json:"last_complete"` // the last month that has ended
	Current      backend.Month `json:"current"`       // this month, shown "so far"
	First        backend.Month `json:"first"`         // the month picker's range: the months
	Last         backend.Month `json:"last"`          // the data covers, up to this month
	Note         string        `json:"note,omitempty"`
}

// period is the month picker of the open workspace, on the app's clock and
// in the workspace time zone, showing sel (nil: the month shown last, else
// the default).
func (s *State) period(db *workspace.DB, sel *backend.Month) (Period, error) {
	loc := db.Location()
	lastComplete := backend.LastComplete(s.now(), loc)
	p := Period{Default: lastComplete, LastComplete: lastComplete, Current: lastComplete.Add(1), First: lastComplete,
		Last: lastComplete.Add(1)}
	from, to, err := db.DataSpan()
	if err != nil {
		return p, err
	}
	if from != nil {
		p.First = min(p.First, backend.MonthOf(*from, loc))
	}
	if to != nil {
		if end := backend.MonthOf(*to, loc); end < lastComplete {
			p.Default = end
			p.Note = "Your data ends in " + end.Title() + ", so Keel shows " + end.Title() +
				": the last complete month with data."
		}
	}
	if sel == nil {
		if v, err := db.ViewMonth(); err == nil && v != "" {
			if m, err := backend.ParseMonth(v); err == nil {
				sel = &m
			}
		}
	}
	p.Month = p.Default
	if sel != nil {
		p.Month = *sel
	}
	p.First, p.Last = min(p.First, p.Month), max(p.Last, p.Month)
	return p, nil
}

// pickMonth reads the month argument of a screen ("YYYY-MM"; "" for the
// month the window shows).
func (s *State) pickMonth(db *workspace.DB, arg string) (backend.Month, Period, error) {
	var sel *backend.Month
	if arg = strings.TrimSpace(arg); arg != "" {
		m, err := backend.ParseMonth(arg)
		if err != nil {
			return m, Period{}, err
		}
		sel = &m
	}
	p, err := s.period(db, sel)
	return p.Month, p, err
}

// trendMonths is how many months a tile's sparkline and a screen's chart
// show, ending at the month shown.
const trendMonths = 12

// trend is the first month of the trend that ends at sel.
func trend(sel backend.Month) backend.Month { return sel.Add(1 - trendMonths) }

// Period is the month the window shows and the month picker's range.
func (w *Workspace) Period() (*Period, error) {
	db, err := w.s.workspace()
	if err != nil {
		return nil, err
	}
	p, err := w.s.period(db, nil)
	return &p, err
}

// SetMonth makes month ("YYYY-MM") the month every screen shows, and keeps
// it for the next start; "" goes back to the default month.
func (w *Workspace) SetMonth(month string) (*Period, error) {
	db, err := w.s.workspace()
	if err != nil {
		return nil, err
	}
	if month = strings.TrimSpace(month); month != "" {
		m, err := backend.ParseMonth(month)
		if err != nil {
			return nil, err
		}
		if cur := backend.LastComplete(w.s.now(), db.Location()).Add(1); m > cur {
			return nil, backend.Errorf(backend.Invalid, "%s has not started yet; pick a month up to %s.", m.Title(), cur.Title())
		}
		month = m.String()
	}
	if err := db.SetViewMonth(month); err != nil {
		return nil, err
	}
	p, err := w.s.period(db, nil)
	return &p, err
}
