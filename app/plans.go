package app

import (
	"strings"

	"keel/backend/revenue"
	"keel/backend/workspace"
)

// planWords names the plans of the Support and Accounts screens the way a
// founder does ("Growth · yearly", revenue.PlanNames) instead of the
// exported ids ("price_1Sx…"). An account's plan can be several plans
// joined with " + ", or one on trial, marked " (trial)".
type planWords map[string]string

func loadPlanWords(db *workspace.DB) planWords {
	names, err := revenue.PlanNames(db)
	if err != nil {
		return nil // the ids are still right, only less readable
	}
	return planWords(names)
}

func (pw planWords) of(plan string) string {
	if plan == "" || len(pw) == 0 {
		return plan
	}
	trial := strings.HasSuffix(plan, " (trial)")
	plan = strings.TrimSuffix(plan, " (trial)")
	parts := strings.Split(plan, " + ")
	for i, p := range parts {
		if n, ok := pw[p]; ok {
			parts[i] = n
		}
	}
	out := strings.Join(parts, " + ")
	if trial {
		out += " (trial)"
	}
	return out
}
