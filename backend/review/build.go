package review

import (
	"time"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// snapshotVersion is the shape of the frozen content; bump it when the
// shape changes, and keep reading the old ones (snapshot.go). Version 3
// has the feedback figures and digest (version 2 froze them untracked).
const snapshotVersion = 3

// content is everything a review computes from the data. A frozen review
// keeps it, as JSON, in its snapshot.
type content struct {
	Version     int               `json:"version"`
	ComputedAt  time.Time         `json:"computed_at"`
	Steps       []Step            `json:"steps"` // the data steps, freshness to feedback
	Warnings    []Warning         `json:"warnings"`
	Unavailable []Unavailable     `json:"warnings_not_available"`
	Stage       Stage             `json:"stage"`
	Hints       map[string]string `json:"hints"`
	// Figures are the figures of the Window months ending with the review
	// month, with the cohorts and the month's tickets and events.
	Figures *figures.Set `json:"figures"`
	sources []Source     // the imports behind the numbers, as computed
}

// compute builds the content of the review of month m; full adds what only
// the review itself shows (cohorts, the month's records, the checklist's
// hints), not the scaling map.
func compute(db *workspace.DB, m backend.Month, now time.Time, full bool) (*content, error) {
	load := figures.Load
	if full {
		load = figures.LoadReview
	}
	s, err := load(db, m.Add(1-Window), m)
	if err != nil {
		return nil, err
	}
	if err := s.LoadFeedback(db, full); err != nil {
		return nil, err
	}
	sources, stats, err := currentSources(db)
	if err != nil {
		return nil, err
	}
	hasEvents := false
	for _, st := range stats {
		hasEvents = hasEvents || (st.Kind == "events" && st.Rows > 0)
	}
	cur := s.BaseCurrency
	c := &content{Version: snapshotVersion, ComputedAt: now.UTC(), Figures: s, sources: sources}
	c.Steps = []Step{
		freshness(stats, m, db.Location(), now),
		{ID: StepRevenue, Numbers: numbers(s, revenueOf(s)), Reading: revenueReading(s, m, s.MovementsOf(m, ""), cur)},
		{ID: StepUsers, Numbers: numbers(s, usersFields), Reading: usersReading(s, s.Cohorts, s.Usage, hasEvents, s.Rules.ActivationDays)},
		{ID: StepOperations, Numbers: numbers(s, operationsFields), Reading: operationsReading(s)},
		{ID: StepReleases, Numbers: numbers(s, releasesFields), Reading: releasesReading(s)},
		{ID: StepFeedback, Numbers: numbers(s, feedbackFields), Reading: feedbackReading(s, cur)},
	}
	if full && len(s.Usage) == 0 {
		c.Steps[2].NotTracked = append(c.Steps[2].NotTracked, "Retention by product usage needs analytics events: the cohorts here follow paying customers.")
	}
	for i := range c.Steps {
		c.Steps[i].Title = stepTitles[c.Steps[i].ID]
	}
	c.Warnings, c.Unavailable = warnings(s, cur)
	c.Stage = stage(s, c.Warnings)
	if full {
		if c.Hints, err = hints(db, m, s); err != nil {
			return nil, err
		}
	}
	return c, nil
}
