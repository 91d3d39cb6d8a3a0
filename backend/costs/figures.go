package costs

import (
	"context"
	"fmt"

	"keel/backend"
	"keel/backend/workspace"
)

// Figures is the `costs` section of `keel metrics --json` for one month
// (METRICS.md, Costs): the cost to serve of every account, the margin it
// leaves of their MRR, and the accounts using some driver 100× the median.
type Figures struct {
	CostToServe *int64   `json:"cost_to_serve"`
	Margin      *float64 `json:"margin"` // nil when MRR is 0
	PowerUsers  *int64   `json:"power_users"`
}

// Monthly is the section of each month first..last; nil when no cost
// driver is set. A month's figures (and its plans, PlansOf) are kept until
// the data, the links, a setting or the drivers change, so the screens
// that show a trend do not compute the model again.
func Monthly(ctx context.Context, db *workspace.DB, first, last backend.Month, planName func(string) string) ([]*Figures, error) {
	months, err := backend.Months(first, last)
	if err != nil {
		return nil, err
	}
	out := make([]*Figures, len(months))
	for i, m := range months {
		mm, err := month(ctx, db, m, planName)
		if err != nil || mm == nil {
			return nil, err
		}
		out[i] = mm.figures
	}
	return out, nil
}

// PlansOf is the cost and margin of each plan in month m; nil when no
// cost driver is set.
func PlansOf(ctx context.Context, db *workspace.DB, m backend.Month, planName func(string) string) ([]PlanCost, error) {
	mm, err := month(ctx, db, m, planName)
	if err != nil || mm == nil {
		return nil, err
	}
	return mm.plans, nil
}

// monthly is what is kept of a month's model.
type monthly struct {
	figures *Figures
	plans   []PlanCost
}

func month(ctx context.Context, db *workspace.DB, m backend.Month, planName func(string) string) (*monthly, error) {
	mark, err := db.CostDriversMark()
	if err != nil || mark == "" {
		return nil, err
	}
	links, err := linksMark(ctx, db)
	if err != nil {
		return nil, err
	}
	v, err := db.Memo(fmt.Sprintf("costs.month|%s|%s|%s", m, mark, links), func() (any, error) {
		mod, err := Compute(ctx, db, m.Start(db.Location()), planName)
		if err != nil {
			return nil, err
		}
		power := map[string]bool{}
		for _, p := range mod.PowerUsers {
			power[p.Account] = true
		}
		cost, n := mod.Cost, int64(len(power))
		return &monthly{figures: &Figures{CostToServe: &cost, Margin: mod.Margin, PowerUsers: &n}, plans: mod.Plans}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*monthly), nil
}
