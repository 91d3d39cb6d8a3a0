package decisions

import (
	"fmt"
	"strconv"
	"time"

	"keel/backend/debt"
)

// Debt lists the decisions past their review date and still open (not
// those a release's review judges, ByRelease): each opens on the Decisions
// screen.
func (l *Log) Debt(today time.Time) ([]debt.Entry, error) {
	ds, _, err := l.all()
	if err != nil {
		return nil, err
	}
	day := today.In(l.db.Location()).Format(dateLayout)
	out := []debt.Entry{}
	for _, d := range ds {
		if !awaits(d) || d.ReviewOn >= day {
			continue
		}
		late := days(d.ReviewOn, day)
		out = append(out, debt.Entry{Kind: debt.DecisionOverdue, Area: "decisions", Ref: strconv.FormatInt(d.ID, 10), Since: d.ReviewOn,
			Title:  fmt.Sprintf("Review the decision “%s”", d.What),
			Detail: fmt.Sprintf("Its review date was %s (%d %s ago); %s owns it.", dayWords(d.ReviewOn), late, plural(late, "day", "days"), d.Owner)})
	}
	return out, nil
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
