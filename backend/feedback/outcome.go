package feedback

import (
	"time"

	"keel/backend/revenue"
)

// What happened to the people who asked (METRICS.md, Feedback, askers'
// outcome): for each account of a cluster, its movements in the revenue
// engine between its first item and that many days later, classified by
// the first of churn, contraction, expansion that occurred, else
// unchanged. A movement belongs to a month (it compares two month ends),
// so the window is the months from the first item's to the one that many
// days later. A window that ends after now is pending.

// Outcome kinds.
const (
	OutcomeChurned    = "churned"
	OutcomeContracted = "contracted"
	OutcomeExpanded   = "expanded"
	OutcomeUnchanged  = "unchanged"
	OutcomePending    = "pending" // the window has not passed yet
)

// OutcomeDays are the windows Keel reports.
var OutcomeDays = []int{30, 90}

// Outcome counts the askers of a cluster by what happened to them within
// Days of their first ask, with the MRR of those movements (positive
// amounts in minor units of the base currency).
type Outcome struct {
	Days          int   `json:"days"`
	Churned       int   `json:"churned"`
	ChurnedMRR    int64 `json:"churned_mrr"`
	Contracted    int   `json:"contracted"`
	ContractedMRR int64 `json:"contracted_mrr"`
	Expanded      int   `json:"expanded"`
	ExpandedMRR   int64 `json:"expanded_mrr"`
	Unchanged     int   `json:"unchanged"`
	Pending       int   `json:"pending"`
}

// move is one movement of an account's customer, with the end of its
// month.
type move struct {
	end    int64 // unix second the month ends
	start  int64
	kind   revenue.Kind
	amount int64
}

// movesOf lists an account's movements (of all its billing customers),
// read once per base.
func (b *base) movesOf(acc string) []move {
	if b.billing == nil || !b.billing.Series.HasData {
		return nil
	}
	if b.moves == nil {
		b.moves = map[string][]move{}
		owner := map[string]string{}
		for a, cs := range b.custs {
			for _, c := range cs {
				owner[c] = a
			}
		}
		ser := b.billing.Series
		for _, m := range ser.Months {
			start := m.Start.Unix()
			end := m.Start.In(b.loc).AddDate(0, 1, 0).Unix() - 1
			for _, mv := range ser.Movements(m.Month, "") {
				if a := owner[mv.CustomerID]; a != "" {
					b.moves[a] = append(b.moves[a], move{end: end, start: start, kind: mv.Kind, amount: mv.Amount})
				}
			}
		}
	}
	return b.moves[acc]
}

// outcomeOf classifies what happened to an account within days of t:
// the kind and the MRR of its movements of that kind in the window.
func (b *base) outcomeOf(acc string, t int64, days int, now int64) (string, int64) {
	endAt := time.Unix(t, 0).Add(time.Duration(days) * 24 * time.Hour).Unix()
	if endAt > now {
		return OutcomePending, 0
	}
	first := monthStartOf(t, b.loc)
	last := monthStartOf(endAt, b.loc)
	var sums = map[revenue.Kind]int64{}
	for _, m := range b.movesOf(acc) {
		if m.start < first || m.start > last {
			continue
		}
		sums[m.kind] += m.amount
	}
	for _, k := range []struct {
		kind revenue.Kind
		name string
	}{{revenue.Churn, OutcomeChurned}, {revenue.Contraction, OutcomeContracted}, {revenue.Expansion, OutcomeExpanded}} {
		if sums[k.kind] > 0 {
			return k.name, sums[k.kind]
		}
	}
	return OutcomeUnchanged, 0
}

func monthStartOf(t int64, loc *time.Location) int64 {
	d := time.Unix(t, 0).In(loc)
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, loc).Unix()
}

// add counts one account's outcome.
func (o *Outcome) add(kind string, mrr int64) {
	switch kind {
	case OutcomeChurned:
		o.Churned++
		o.ChurnedMRR += mrr
	case OutcomeContracted:
		o.Contracted++
		o.ContractedMRR += mrr
	case OutcomeExpanded:
		o.Expanded++
		o.ExpandedMRR += mrr
	case OutcomePending:
		o.Pending++
	default:
		o.Unchanged++
	}
}
