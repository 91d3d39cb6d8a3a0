package decisions

import (
	"keel/backend"
	"keel/backend/workspace"
)

// Section is the `decisions` section of `keel metrics --json` for one
// month (METRICS.md, Decisions): the read model (backend/figures) shows it
// wherever figures are shown.
type Section struct {
	DecisionsMade        *int64 `json:"decisions_made"`
	DecisionsShipped     *int64 `json:"decisions_shipped"`
	DecisionsValidated   *int64 `json:"decisions_validated"`
	DecisionsInvalidated *int64 `json:"decisions_invalidated"`
	DecisionDaysP50      *int64 `json:"decision_days_p50"` // nil when none was validated in the month
	DecisionsOverdue     *int64 `json:"decisions_overdue"`
}

// Monthly is the section of each month first..last; nil when the log is
// empty (the decision log is not in use). releases links decisions to
// their releases (nil: those recorded in db).
func Monthly(db *workspace.DB, first, last backend.Month, releases Releases) ([]*Section, error) {
	months, err := backend.Months(first, last)
	if err != nil {
		return nil, err
	}
	l := New(db, nil, releases)
	ds, _, err := l.all()
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	keys := make([]string, len(months))
	for i, m := range months {
		keys[i] = m.String()
	}
	out := make([]*Section, len(months))
	for i, t := range throughput(ds, keys) {
		out[i] = &Section{DecisionsMade: ptr(t.Made), DecisionsShipped: ptr(t.Shipped), DecisionsValidated: ptr(t.Validated),
			DecisionsInvalidated: ptr(t.Invalidated), DecisionDaysP50: t.DaysP50, DecisionsOverdue: ptr(t.Overdue)}
	}
	return out, nil
}

func ptr(n int64) *int64 { return &n }
