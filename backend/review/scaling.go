package review

import (
	"keel/backend/workspace"
)

// Map is the home screen's scaling map for a month: the four surfaces of
// DESIGN.md with their headline numbers, 12-month trends and warnings, the
// data freshness, the stage the product is in and the next review due.
type Map struct {
	Month       string        `json:"month"`
	Title       string        `json:"title"`
	Surfaces    []Surface     `json:"surfaces"`
	Freshness   Step          `json:"freshness"`
	Stage       Stage         `json:"stage"`
	NextReview  NextReview    `json:"next_review"`
	Unavailable []Unavailable `json:"warnings_not_available"`
	// Rules are the rules in force behind the numbers (each figure's rule
	// as the screens show it on hover).
	Rules Rules `json:"rules"`
	// Months are the months of every trend, oldest first; the last is Month.
	Months []string `json:"months"`
}

// Surface is one of Product, Users, Operations and Revenue.
type Surface struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Numbers    []Number  `json:"numbers"`
	Warnings   []Warning `json:"warnings"`
	NotTracked []string  `json:"not_tracked"`
}

var surfaces = []struct {
	id, name   string
	keys       []string
	notTracked string
}{
	{surfaceProduct, "Product", []string{"operations.releases", "operations.rollbacks", "operations.bugs_per_release"},
		"Not tracked yet: releases, flags, bugs per release, rollbacks and stale flags."},
	{surfaceUsers, "Users", []string{"product.signups", "product.activation_rate", "support.active_accounts", "revenue.logo_churn_rate"}, ""},
	{surfaceOperations, "Operations", []string{"support.tickets", "support.tickets_per_active_account", "support.first_reply_minutes_p50",
		"support.resolution_minutes_p50", "operations.manual_interventions"}, ""},
	{surfaceRevenue, "Revenue", []string{"revenue.mrr", "revenue.new", "revenue.churn", "revenue.nrr", "revenue.refunded", "revenue.failed_payments"}, ""},
}

// Scaling builds the scaling map of month from the current data.
func Scaling(db *workspace.DB, month string) (*Map, error) {
	m, err := checkMonth(db, month)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	c, err := compute(db, m, now)
	if err != nil {
		return nil, err
	}
	f := c.Data.figures
	out := &Map{Month: month, Title: MonthTitle(month), Freshness: c.Steps[0], Stage: c.Stage, Unavailable: nonNil(c.Unavailable),
		Rules: c.Rules, Months: append([]string{}, f.Months...)}
	for _, s := range surfaces {
		sf := Surface{ID: s.id, Name: s.name, Numbers: numbers(f, s.keys...), Warnings: []Warning{}, NotTracked: []string{}}
		for _, w := range c.Warnings {
			if w.Surface == s.id {
				sf.Warnings = append(sf.Warnings, w)
			}
		}
		if s.notTracked != "" {
			sf.NotTracked = append(sf.NotTracked, s.notTracked)
		}
		out.Surfaces = append(out.Surfaces, sf)
	}
	if out.NextReview, err = Next(db); err != nil {
		return nil, err
	}
	return out, nil
}

// Next says which review is due next (the month after the last frozen
// one, else the last complete month) and whether it is due or overdue.
func Next(db *workspace.DB) (NextReview, error) {
	last, err := lastFrozen(db)
	if err != nil {
		return NextReview{}, err
	}
	return nextReview(last, db.Now(), db.Location()), nil
}
