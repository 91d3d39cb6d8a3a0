package review

import (
	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// Map is the home screen's scaling map for a month: the four surfaces of
// DESIGN.md with their headline numbers, 12-month trends and warnings, the
// data freshness, the stage the product is in and the next review due.
type Map struct {
	Month      backend.Month `json:"month"`
	Title      string        `json:"title"`
	Surfaces   []Surface     `json:"surfaces"`
	Freshness  Step          `json:"freshness"`
	Stage      Stage         `json:"stage"`
	NextReview NextReview    `json:"next_review"`
	// Throughput is the month's decision throughput: decisions made,
	// shipped, validated, invalidated, days to validate and overdue.
	Throughput  []Number      `json:"throughput"`
	Unavailable []Unavailable `json:"warnings_not_available"`
	// Rules are the rules in force behind the numbers (each figure's rule
	// as the screens show it on hover).
	Rules figures.Rules `json:"rules"`
	// Months are the months of every trend, oldest first; the last is Month.
	Months []backend.Month `json:"months"`
	// Figures are the figures behind the numbers.
	Figures *figures.Set `json:"-"`
}

// Surface is one of Product, Users, Operations and Revenue.
type Surface struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Numbers    []Number  `json:"numbers"`
	Warnings   []Warning `json:"warnings"`
	NotTracked []string  `json:"not_tracked"`
	// Clusters are, on the Users surface, the open and planned feedback
	// clusters by the segment of the accounts that asked.
	Clusters []feedback.SegmentClusters `json:"clusters,omitempty"`
}

var surfaces = []struct {
	id, name string
	fields   []*figures.Field
}{
	{surfaceProduct, "Product", figures.MustFields("operations.releases", "operations.rollbacks", "operations.bugs_per_release")},
	{surfaceUsers, "Users", figures.MustFields("product.signups", "product.activation_rate", "support.active_accounts", "revenue.logo_churn_rate")},
	{surfaceOperations, "Operations", figures.MustFields("support.tickets", "support.tickets_per_active_account", "support.first_reply_minutes_p50",
		"support.resolution_minutes_p50", "operations.manual_interventions")},
	{surfaceRevenue, "Revenue", figures.MustFields("revenue.mrr", "revenue.new", "revenue.churn", "revenue.nrr", "revenue.refunded", "revenue.failed_payments")},
}

// salesSurface is the Revenue surface's numbers without MRR.
var salesSurface = figures.MustFields("revenue.collected", "sales.orders", "sales.buyers", "sales.repeat_buyers", "revenue.refunded",
	"revenue.failed_payments")

// Scaling builds the scaling map of month m from the current data.
func Scaling(db *workspace.DB, m backend.Month) (*Map, error) {
	if err := checkMonth(db, m); err != nil {
		return nil, err
	}
	c, err := compute(db, m, db.Now(), false)
	if err != nil {
		return nil, err
	}
	f := c.Figures
	out := &Map{Month: m, Title: m.Title(), Freshness: c.Steps[0], Stage: c.Stage, Unavailable: nonNil(c.Unavailable),
		Rules: f.Rules, Months: f.MonthList(), Figures: f, Throughput: numbers(f, decisionsFields)}
	for _, s := range surfaces {
		fields := s.fields
		if s.id == surfaceRevenue && onlySales(f) {
			fields = salesSurface
		}
		sf := Surface{ID: s.id, Name: s.name, Numbers: numbers(f, fields), Warnings: []Warning{}, NotTracked: []string{}}
		for _, w := range c.Warnings {
			if w.Surface == s.id {
				sf.Warnings = append(sf.Warnings, w)
			}
		}
		if s.id == surfaceUsers && f.Feedback != nil {
			sf.Clusters = f.Feedback.Segments
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
