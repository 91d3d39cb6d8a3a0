package review

import (
	"fmt"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/figures"
)

// Stage ids: the order in which a product usually moves through them.
const (
	StageLearning    = "learning_speed"
	StageReliability = "reliability"
	StageLeverage    = "leverage"
)

// stageThresholds: below learningCustomers paying customers, or with fewer
// than learningMonths months of revenue, the job is still learning; a
// three-month average logo churn above reliabilityChurn means reliability.
const (
	learningCustomers = 50
	learningMonths    = 6
	reliabilityChurn  = 0.03
)

// stage names the stage the product is in and why.
func stage(f *figures.Set, ws []Warning) Stage {
	c, ok := at(f, "revenue.customers", 0)
	if !ok {
		if b, ok := at(f, "sales.buyers", 0); ok {
			// Payments without MRR: one-off sales, or payments no subscription explains.
			months := 0
			for i := range f.Months {
				if v := f.Value(field("revenue.collected"), i); v != nil && *v > 0 {
					months++
				}
			}
			return Stage{StageLearning, "Learning speed", fmt.Sprintf(
				"%s this month and %s with sales, no recurring revenue: the job is to learn fast what makes people buy and come back.",
				plural(b, "buyer", "buyers"), plural(float64(months), "month", "months"))}
		}
		return Stage{StageLearning, "Learning speed", "No billing data yet: until revenue is imported Keel assumes the job is to learn fast."}
	}
	months := 0
	for i := range f.Months {
		if v := f.Value(field("revenue.mrr"), i); v != nil && *v > 0 {
			months++
		}
	}
	if c < learningCustomers || months < learningMonths {
		return Stage{StageLearning, "Learning speed", fmt.Sprintf(
			"%s and %s of revenue: the job is to learn fast what makes customers activate and stay.",
			plural(c, "paying customer", "paying customers"), plural(float64(months), "month", "months"))}
	}
	var why []string
	for _, w := range ws {
		if w.Surface != surfaceProduct {
			why = append(why, strings.ToLower(w.Title[:1])+w.Title[1:])
		}
	}
	churn, okChurn := avg(f, "revenue.logo_churn_rate", 3)
	if okChurn && churn > reliabilityChurn {
		why = append(why, fmt.Sprintf("logo churn averaged %s a month over three months", pct(churn)))
	}
	if len(why) > 0 {
		return Stage{StageReliability, "Reliability", fmt.Sprintf(
			"%s, but %s: make the product and its operations dependable before adding more.",
			plural(c, "paying customer", "paying customers"), joinAnd(why))}
	}
	reason := plural(c, "paying customer", "paying customers")
	if okChurn {
		reason += fmt.Sprintf(", logo churn %s a month over three months", pct(churn))
	}
	return Stage{StageLeverage, "Leverage", reason +
		" and no warning on support, payments or churn: make each hour of work go further (self-serve, automation, pricing)."}
}

// overdueAfter is how long after it is due a review counts as overdue.
const overdueAfter = 7 * 24 * time.Hour

// nextReview says which review is due: the month after the last frozen
// one (lastFrozen, nil when none is), else the last complete month.
func nextReview(lastFrozen *backend.Month, now time.Time, loc *time.Location) NextReview {
	m := backend.LastComplete(now, loc)
	if lastFrozen != nil {
		m = lastFrozen.Add(1)
	}
	n := NextReview{Month: m, Open: m, Title: m.Title(), Due: m.End(loc), Ended: !now.Before(m.End(loc))}
	if !n.Ended {
		n.Open = backend.LastComplete(now, loc)
	}
	switch {
	case !now.Before(n.Due.Add(overdueAfter)):
		n.Overdue = true
		n.Text = fmt.Sprintf("The review of %s is overdue: it was due on %s.", n.Title, day(n.Due))
	case !now.Before(n.Due):
		n.Text = fmt.Sprintf("The review of %s is due (since %s).", n.Title, day(n.Due))
	default:
		n.Text = fmt.Sprintf("Next review: %s, due on %s.", n.Title, day(n.Due))
	}
	return n
}
