package review

import (
	"encoding/json"
	"time"

	"keel/backend"
	"keel/backend/metrics"
	"keel/backend/workspace"
)

// snapshotVersion is the shape of the frozen content; bump it when the
// shape changes so that old snapshots can still be read.
const snapshotVersion = 1

// content is everything a review computes from the data. A frozen review
// keeps it, as JSON, in its snapshot.
type content struct {
	Version      int               `json:"version"`
	ComputedAt   time.Time         `json:"computed_at"`
	BaseCurrency string            `json:"base_currency"`
	Steps        []Step            `json:"steps"` // the data steps, freshness to feedback
	Warnings     []Warning         `json:"warnings"`
	Unavailable  []Unavailable     `json:"warnings_not_available"`
	Stage        Stage             `json:"stage"`
	Rules        Rules             `json:"rules"`
	Hints        map[string]string `json:"hints"`
	Data         *Data             `json:"data"`
	sources      []Source          // the imports behind the numbers, as computed
}

// compute builds the content of the review of the month starting at m.
func compute(db *workspace.DB, m, now time.Time) (*content, error) {
	data, err := gather(db, m)
	if err != nil {
		return nil, err
	}
	f := data.figures
	cur := f.BaseCurrency
	rules, err := rulesInForce(db, data.Metrics)
	if err != nil {
		return nil, err
	}
	sources, stats, err := currentSources(db)
	if err != nil {
		return nil, err
	}
	hasEvents := false
	for _, s := range stats {
		hasEvents = hasEvents || (s.Kind == "events" && s.Rows > 0)
	}
	month := m.Format("2006-01")
	var moves []Movement
	for _, mv := range data.Movements {
		if mv.Month == month {
			moves = append(moves, mv)
		}
	}
	c := &content{Version: snapshotVersion, ComputedAt: now.UTC(), BaseCurrency: cur, Rules: rules, Data: data, sources: sources}
	c.Steps = []Step{
		freshness(stats, m, now),
		{ID: StepRevenue, Numbers: numbers(f, revenueKeys...), Reading: revenueReading(f, month, moves, cur)},
		{ID: StepUsers, Numbers: numbers(f, usersKeys...), Reading: usersReading(f, data.Cohorts, data.Usage, hasEvents, rules.ActivationDays)},
		{ID: StepOperations, Numbers: numbers(f, operationsKeys...), Reading: operationsReading(f)},
		{ID: StepReleases, Numbers: numbers(f, releasesKeys...), Reading: releasesReading(f)},
		{ID: StepFeedback, Reading: feedbackReading,
			NotTracked: []string{"Not tracked yet: feedback — top clusters, strategy signals and loops closed."}},
	}
	if len(data.Usage) == 0 {
		c.Steps[2].NotTracked = append(c.Steps[2].NotTracked, "Retention by product usage needs analytics events: the cohorts here follow paying customers.")
	}
	if f.Last("operations.manual_interventions") == nil {
		c.Steps[3].NotTracked = append(c.Steps[3].NotTracked, "No manual work logged yet: log interventions with Ctrl+Shift+M or keel manual add to see them here.")
	}
	if f.Last("operations.releases") == nil {
		c.Steps[4].NotTracked = append(c.Steps[4].NotTracked, "Not tracked yet: releases — shipped, rolled back, hotfixes, bugs per release and stale flags.")
	}
	for i := range c.Steps {
		c.Steps[i].Title = stepTitles[c.Steps[i].ID]
	}
	c.Warnings, c.Unavailable = warnings(f, cur)
	c.Stage = stage(f, c.Warnings)
	if c.Hints, err = hints(db, m, data.Cohorts); err != nil {
		return nil, err
	}
	return c, nil
}

// rulesInForce are the metric rules behind the numbers: the settings the
// metrics used, and the user's exchange-rates table.
func rulesInForce(db *workspace.DB, raw json.RawMessage) (Rules, error) {
	var rep struct {
		BaseCurrency string        `json:"base_currency"`
		Rules        metrics.Rules `json:"rules"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		return Rules{}, backend.Errorf(backend.Internal, "read the rules: %v", err)
	}
	r := Rules{BaseCurrency: rep.BaseCurrency, ChurnTiming: rep.Rules.ChurnTiming, Discounts: rep.Rules.Discounts,
		TimeZone: rep.Rules.TimeZone, TestMode: rep.Rules.TestMode, ActivationDays: rep.Rules.ActivationDays, Rates: []RateInUse{}}
	rates, err := db.Rates()
	if err != nil {
		return r, err
	}
	for _, x := range rates {
		r.Rates = append(r.Rates, RateInUse{x.Currency, x.Month, x.Rate})
	}
	return r, nil
}
