package feedback

import (
	"context"

	"keel/backend"
	"keel/backend/workspace"
)

// Figures is the `feedback` section of `keel metrics --json` for one month
// (METRICS.md, Feedback).
type Figures struct {
	FeedbackItems   *int64 `json:"feedback_items"`   // items created in the month
	Untriaged       *int64 `json:"untriaged"`        // items without a type at the end of the month
	StrategySignals *int64 `json:"strategy_signals"` // items of type strategy signal created in the month
	LoopsClosed     *int64 `json:"loops_closed"`     // people marked told in the month
}

// Monthly computes the figures of the months first..last, oldest first;
// nil when the workspace has no item at all (no ticket, feedback row or
// note): then there is nothing to count yet.
func Monthly(ctx context.Context, db *workspace.DB, first, last backend.Month) ([]*Figures, error) {
	months, err := backend.Months(first, last)
	if err != nil {
		return nil, err
	}
	items, told, err := db.FeedbackStamps(ctx)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	loc := db.Location()
	out := make([]*Figures, len(months))
	for i, m := range months {
		start, end := m.Start(loc).Unix(), m.End(loc).Unix()
		var created, untriaged, strategy, closed int64
		for _, it := range items {
			in := it.Created >= start && it.Created < end
			if in {
				created++
				if Type(it.Type) == Strategy {
					strategy++
				}
			}
			if it.Created < end && (it.Type == "" || it.TypedAt >= end) {
				untriaged++
			}
		}
		for _, at := range told {
			if at >= start && at < end {
				closed++
			}
		}
		out[i] = &Figures{FeedbackItems: &created, Untriaged: &untriaged, StrategySignals: &strategy, LoopsClosed: &closed}
	}
	return out, nil
}
