// Package review is Keel's guided monthly review: for a chosen month it
// gathers the numbers of each step (data freshness, revenue, users,
// operations, releases, feedback), writes a short reading of each from the
// numbers, raises the scaling-map warnings, names the stage the product is
// in, and keeps the founder's checklist answers, decisions and notes,
// saved at every step.
//
// Finishing a review freezes it (Freeze): every number, the rules in force
// and the SHA-256 of every source file are stored and never change. When a
// later import, undo or rule change moves a frozen month's numbers, Get
// returns a Restatement: each changed number, old and new, and what caused
// it.
//
// The screens call Get, List, Scaling and the Save* functions; the Excel
// report (backend/report) reads the same Review.
package review

import (
	"time"

	"keel/backend"
	"keel/backend/decisions"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// Status is where a review stands.
type Status string

const (
	NotStarted Status = "not_started"
	InProgress Status = "in_progress"
	Frozen     Status = "frozen"
)

// Step ids, in the order of the review.
const (
	StepFreshness  = "freshness"
	StepRevenue    = "revenue"
	StepUsers      = "users"
	StepOperations = "operations"
	StepReleases   = "releases"
	StepFeedback   = "feedback"
	StepChecklist  = "checklist"
	StepDecisions  = "decisions"
)

// StepIDs lists the steps in order.
var StepIDs = []string{StepFreshness, StepRevenue, StepUsers, StepOperations, StepReleases, StepFeedback, StepChecklist, StepDecisions}

var stepTitles = map[string]string{
	StepFreshness:  "Data freshness",
	StepRevenue:    "Revenue",
	StepUsers:      "Users",
	StepOperations: "Operations",
	StepReleases:   "Releases",
	StepFeedback:   "Feedback",
	StepChecklist:  "Failure-mode checklist",
	StepDecisions:  "Decisions",
}

// Review is one month's review as the screens show it. For a frozen
// review every number, reading and warning is the frozen one.
type Review struct {
	Month        backend.Month `json:"month"`
	Title        string        `json:"title"` // "February 2026"
	Workspace    string        `json:"workspace"`
	Status       Status        `json:"status"`
	Step         string        `json:"step"` // the step the founder is on
	StartedAt    *time.Time    `json:"started_at"`
	UpdatedAt    *time.Time    `json:"updated_at"`
	FrozenAt     *time.Time    `json:"frozen_at"`
	BaseCurrency string        `json:"base_currency"`
	Steps        []Step        `json:"steps"`
	// Warnings fired for this month; Unavailable lists the warnings Keel
	// cannot compute from the data it has, and what would make them work.
	Warnings    []Warning     `json:"warnings"`
	Unavailable []Unavailable `json:"warnings_not_available"`
	Stage       Stage         `json:"stage"`
	NextReview  NextReview    `json:"next_review"`
	Checklist   []CheckItem   `json:"checklist"`
	Decisions   []Decision    `json:"decisions"`
	// Due are the decisions of the log (wherever they were made) due for
	// validation by the end of the month the review is held in, with what
	// their numbers say for those whose review date has come: the review
	// opens with them.
	Due     []decisions.Entry `json:"decisions_due"`
	Notes   string            `json:"notes"`
	Rules   figures.Rules     `json:"rules"`
	Sources []Source          `json:"sources"`
	// Restatement is set for a frozen review whose numbers the current
	// data would change; nil otherwise.
	Restatement *Restatement `json:"restatement"`

	// Figures are every figure of the 12 months ending with the review
	// month, with what the report lists besides (frozen once frozen).
	Figures *figures.Set `json:"-"`
}

// Step is one step of the review.
type Step struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Numbers []Number `json:"numbers"`
	// Reading is a short plain-language reading of the numbers.
	Reading string `json:"reading"`
	// NotTracked names what this step cannot show from this workspace's
	// data (retention by product usage without events, say); frozen
	// reviews of earlier versions also list areas Keel did not track.
	NotTracked []string `json:"not_tracked"`
	// Missing lists, for the freshness step, each source that does not
	// reach the end of the month.
	Missing []Missing `json:"missing,omitempty"`
	Note    string    `json:"note"` // the founder's note
	Done    bool      `json:"done"`
}

// Number is one figure of a step with its month-over-month change.
type Number struct {
	Key   string       `json:"key"` // the metrics field, e.g. "revenue.mrr"
	Label string       `json:"label"`
	Unit  figures.Unit `json:"unit"`
	Value *float64     `json:"value"` // nil: the data behind it is missing
	Prev  *float64     `json:"prev"`  // the month before
	// Delta is Value − Prev; for ratios it is in fraction points.
	Delta *float64 `json:"delta"`
	// Change is Delta / |Prev| for money, counts, minutes and multiples;
	// nil for ratios (their Delta says it) or when Prev is nil or 0.
	Change *float64 `json:"change"`
	// Better is the direction that is good news: "up", "down" or "".
	Better string `json:"better"`
	// Trend is the 12 months ending with this one, oldest first.
	Trend []*float64 `json:"trend"`
	// Missing says, when Value is nil, what would fill it.
	Missing string `json:"missing,omitempty"`
}

// Missing is one source that is not imported through the month's end.
type Missing struct {
	Source string     `json:"source"` // stripe, zendesk, …
	Kind   string     `json:"kind"`   // payments, tickets, …
	Last   *time.Time `json:"last"`   // its newest record; nil when never imported
	Text   string     `json:"text"`
}

// Warning is one scaling-map warning that fired.
type Warning struct {
	ID      string `json:"id"`
	Surface string `json:"surface"` // product | users | operations | revenue
	Title   string `json:"title"`
	Detail  string `json:"detail"`
}

// Unavailable is a warning Keel cannot compute yet, and why.
type Unavailable struct {
	ID      string `json:"id"`
	Surface string `json:"surface"`
	Title   string `json:"title"`
	Needs   string `json:"needs"`
}

// Stage is the stage the product is in: learning speed, reliability or
// leverage, with the reason drawn from the numbers.
type Stage struct {
	ID     string `json:"id"` // learning_speed | reliability | leverage
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// NextReview says which review is due next, and since when.
type NextReview struct {
	Month backend.Month `json:"month"`
	// Open is the month "Start review" opens: Month once it has ended;
	// until then the last complete month (reviewed already, read-only):
	// a review starts for a month that has ended, or early on purpose.
	Open    backend.Month `json:"open"`
	Ended   bool          `json:"ended"`
	Title   string        `json:"title"`
	Due     time.Time     `json:"due"` // the first day after that month
	Overdue bool          `json:"overdue"`
	Text    string        `json:"text"`
}

// CheckItem is one failure mode of the checklist with the founder's answer.
type CheckItem struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Late     bool   `json:"late"`   // one of the late-process failure modes
	Answer   string `json:"answer"` // yes | no | unsure | "" (not answered)
	Note     string `json:"note"`
	// Hint is what the data says about it, when it says anything.
	Hint string `json:"hint,omitempty"`
}

// Decision is one decision of the review.
type Decision = workspace.ReviewDecision

// Source is one imported file behind the numbers.
type Source = workspace.ReviewSource
