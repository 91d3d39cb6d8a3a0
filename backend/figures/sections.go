package figures

// The sections of METRICS.md whose areas have not landed yet. Each is the
// typed section its area will compute; until then every field is nil
// (null), Has lacks the area's Data bit, and the review, the report and
// the screens say "Not tracked yet" from the catalogue (untracked.go).
// When an area lands, its package defines the section type (same fields,
// same JSON tags), this placeholder goes, and Load sets the section.

// Operations is the `operations` section: releases (set from
// backend/releases: releases.Figures) and manual work (backend/manual,
// when it lands), flat as METRICS.md writes it. It stays here, shared by
// the two areas.
type Operations struct {
	Releases       *int64   `json:"releases"`
	Rollbacks      *int64   `json:"rollbacks"`
	Hotfixes       *int64   `json:"hotfixes"`
	BugsPerRelease *float64 `json:"bugs_per_release"`

	ManualInterventions           *int64   `json:"manual_interventions"`
	ManualMinutes                 *int64   `json:"manual_minutes"`
	ManualInterventionsPerAccount *float64 `json:"manual_interventions_per_account"`
}

// FeedbackFigures is the `feedback` section (METRICS.md, Feedback). Month.Feedback
// stays nil, and `keel metrics --json` without the section, until the
// triage area sets it.
type FeedbackFigures struct {
	FeedbackItems   *int64 `json:"feedback_items"`
	Untriaged       *int64 `json:"untriaged"`
	StrategySignals *int64 `json:"strategy_signals"`
	LoopsClosed     *int64 `json:"loops_closed"`
}

// DecisionFigures is the `decisions` section (METRICS.md, Decisions).
type DecisionFigures struct {
	DecisionsMade        *int64 `json:"decisions_made"`
	DecisionsShipped     *int64 `json:"decisions_shipped"`
	DecisionsValidated   *int64 `json:"decisions_validated"`
	DecisionsInvalidated *int64 `json:"decisions_invalidated"`
	DecisionDaysP50      *int64 `json:"decision_days_p50"`
	DecisionsOverdue     *int64 `json:"decisions_overdue"`
}

// CostFigures is the `costs` section (METRICS.md, Costs): the workspace's cost
// to serve and margin, and the power users, of the month.
type CostFigures struct {
	CostToServe *int64   `json:"cost_to_serve"`
	Margin      *float64 `json:"margin"`
	PowerUsers  *int64   `json:"power_users"`
}
