package manual

import (
	"context"
	"time"

	"keel/backend/debt"
	"keel/backend/workspace"
)

// Debt is the growth warning of the last complete month, as operating
// debt: it opens on the Manual work screen.
func Debt(ctx context.Context, db *workspace.DB, today time.Time) ([]debt.Entry, error) {
	loc := db.Location()
	last := monthStart(today, loc).AddDate(0, -1, 0)
	months, err := Months(ctx, db, last.AddDate(0, -3, 0), last)
	if err != nil {
		return nil, err
	}
	w := Outgrowing(months)
	if w == nil {
		return []debt.Entry{}, nil
	}
	return []debt.Entry{{Kind: debt.ManualGrowth, Area: "manual", Ref: last.Format("2006-01"), Title: w.Title, Detail: w.Detail}}, nil
}
