package app

import (
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// The month picker's month, shared by every screen.

// Period is the month a screen shows and the month picker's range.
type Period struct {
	Month   backend.Month `json:"month"`   // shown
	Default backend.Month `json:"default"` // the last complete month
	First   backend.Month `json:"first"`   // the month picker's range
	Last    backend.Month `json:"last"`
}

// pickMonth reads the month argument of a screen ("YYYY-MM", "" for the
// last complete month by the app's clock, in the workspace time zone).
func (s *State) pickMonth(db *workspace.DB, arg string) (backend.Month, Period, error) {
	last := backend.LastComplete(s.now(), db.Location())
	sel := last
	if arg = strings.TrimSpace(arg); arg != "" {
		var err error
		if sel, err = backend.ParseMonth(arg); err != nil {
			return sel, Period{}, err
		}
	}
	return sel, Period{Month: sel, Default: last, First: min(sel, last), Last: max(sel, last)}, nil
}

// widen moves the picker's first month back to first (the data's start).
func (p *Period) widen(first *backend.Month) {
	if first != nil && *first < p.First {
		p.First = *first
	}
}

// trendMonths is how many months a tile's sparkline and a screen's chart
// show, ending at the month shown.
const trendMonths = 12

// trend is the first month of the trend that ends at sel.
func trend(sel backend.Month) backend.Month { return sel.Add(1 - trendMonths) }
