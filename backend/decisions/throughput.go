package decisions

import (
	"keel/backend"
	"keel/backend/percentile"
)

// Month is one month's decision throughput (METRICS.md, Decisions):
// the decisions that reached each status in it, the median days from
// made to validated over those validated in it (nearest rank; nil when
// none), and those past their review date and still open at its end.
type Month struct {
	Month       string `json:"month"` // YYYY-MM
	Made        int64  `json:"decisions_made"`
	Shipped     int64  `json:"decisions_shipped"`
	Validated   int64  `json:"decisions_validated"`
	Invalidated int64  `json:"decisions_invalidated"`
	DaysP50     *int64 `json:"decision_days_p50"`
	Overdue     int64  `json:"decisions_overdue"`
}

// Throughput computes the months (YYYY-MM, in order) from the log.
func (l *Log) Throughput(months []string) ([]Month, error) {
	ds, _, err := l.all()
	if err != nil {
		return nil, err
	}
	return throughput(ds, months), nil
}

func throughput(ds []backend.Decision, months []string) []Month {
	out := make([]Month, len(months))
	at := map[string]int{}
	for i, m := range months {
		out[i].Month = m
		at[m] = i
	}
	validatedDays := make([][]int64, len(months))
	for _, d := range ds {
		if i, ok := at[monthOf(d.Made)]; ok {
			out[i].Made++
		}
		if i, ok := at[monthOfOr(d.ShippedOn)]; ok {
			out[i].Shipped++
		}
		if i, ok := at[monthOfOr(d.ClosedOn)]; ok {
			switch d.Status {
			case backend.DecisionValidated:
				out[i].Validated++
				validatedDays[i] = append(validatedDays[i], days(d.Made, d.ClosedOn))
			case backend.DecisionInvalidated:
				out[i].Invalidated++
			}
		}
		for i, m := range months {
			if overdueAt(d, lastDay(m)) {
				out[i].Overdue++
			}
		}
	}
	for i := range out {
		out[i].DaysP50 = percentile.NearestRank(validatedDays[i], 50)
	}
	return out
}

// overdueAt: at the end of day end, d existed, its review date had
// passed and it was not yet validated, invalidated or abandoned (a call
// judged by its release's review is never overdue, ByRelease).
func overdueAt(d backend.Decision, end string) bool {
	return !ByRelease(d) && d.Made <= end && d.ReviewOn <= end && (d.ClosedOn == "" || d.ClosedOn > end)
}

func monthOfOr(date string) string {
	if len(date) < 7 {
		return ""
	}
	return monthOf(date)
}
