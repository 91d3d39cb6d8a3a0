package costs

import (
	"fmt"
	"math"
	"time"

	"keel/backend/money"
	"keel/backend/percentile"
)

func nearestMedian(xs []int64) *int64 { return percentile.NearestRank(xs, 50) }

// warn raises a warning for each paid plan whose margin is below the
// floor and each paying account that costs more than it pays.
func warn(mod *Model) {
	for _, p := range mod.Plans {
		if !p.BelowFloor {
			continue
		}
		mod.Warnings = append(mod.Warnings, Warning{ID: "plan_margin", Plan: p.Plan,
			Title: fmt.Sprintf("%s keeps %s of its MRR", p.Plan, pct(*p.Margin)),
			Detail: fmt.Sprintf("Its %d accounts pay %s and cost %s to serve in %s: a margin of %s, under the %d %% you set.",
				p.Accounts, money.Format(p.MRR, mod.Currency), money.Format(p.Cost, mod.Currency), monthWords(mod.Month), pct(*p.Margin), mod.Floor)})
	}
	for _, a := range mod.Accounts {
		if !a.OverMRR {
			continue
		}
		mod.Warnings = append(mod.Warnings, Warning{ID: "account_over_mrr", Account: a.Account,
			Title:  fmt.Sprintf("%s costs more than it pays", a.Name),
			Detail: fmt.Sprintf("%s cost %s to serve in %s and pays %s a month.", a.Name, money.Format(a.Cost, mod.Currency), monthWords(mod.Month), money.Format(*a.MRR, mod.Currency))})
	}
}

// pct is a fraction as a percentage with one decimal: "41.5 %".
func pct(x float64) string { return fmt.Sprintf("%.1f %%", math.Round(x*1000)/10) }

func monthWords(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("Jan 2006")
}
