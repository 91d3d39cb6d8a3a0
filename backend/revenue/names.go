package revenue

import (
	"sort"
	"strconv"
	"strings"

	"keel/backend/workspace"
)

// PlanNames say plans the way a founder does: the plan ids the engine
// labels plans with (Stripe price ids such as price_1Sx…) map to the
// product and its billing interval, "Growth · yearly". Plans without a
// product keep their id. It is the one rule for plan names: the screens,
// the review and the report all name plans with it.
type PlanNames map[string]string

// LoadPlanNames reads the plans of the subscriptions export.
func LoadPlanNames(db *workspace.DB) (PlanNames, error) {
	rows, err := db.PlanProducts()
	if err != nil {
		return nil, err
	}
	out := PlanNames{}
	for _, r := range rows { // the most common product and interval of each plan first
		if _, ok := out[r.Plan]; !ok && r.Plan != r.Product {
			out[r.Plan] = r.Product + billedEvery(r.Interval, r.IntervalCount)
		}
	}
	return out, nil
}

// billedEvery is " · monthly", " · every 3 months", or "" when unknown.
func billedEvery(interval string, n int64) string {
	words := map[string]string{"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}
	switch {
	case interval == "":
		return ""
	case n <= 1 && words[interval] != "":
		return " · " + words[interval]
	case n <= 1:
		return " · every " + interval
	}
	return " · every " + strconv.FormatInt(n, 10) + " " + interval + "s"
}

// Of names a plan, or a list of plans: a movement's ("a, b") or an
// account's ("a + b", with " (trial)" for a plan on trial). A name that
// comes twice in a list is said once.
func (p PlanNames) Of(plans string) string {
	if plans == "" {
		return ""
	}
	trial := strings.HasSuffix(plans, " (trial)")
	plans = strings.TrimSuffix(plans, " (trial)")
	sep := ", "
	if strings.Contains(plans, " + ") {
		sep = " + "
	}
	var out []string
	seen := map[string]bool{}
	for _, id := range strings.Split(plans, sep) {
		name := id
		if n, ok := p[id]; ok {
			name = n
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	s := strings.Join(out, sep)
	if trial {
		s += " (trial)"
	}
	return s
}

// Group sums the plans of a plan mix that share a name (two prices of the
// same product and interval are one plan to a founder), largest first,
// then by name.
func (p PlanNames) Group(plans []PlanMRR) []PlanMRR {
	out := []PlanMRR{}
	at := map[string]int{}
	for _, pl := range plans {
		name := p.Of(pl.Plan)
		i, ok := at[name]
		if !ok {
			i = len(out)
			at[name] = i
			out = append(out, PlanMRR{Plan: name})
		}
		out[i].MRR += pl.MRR
		out[i].Subscriptions += pl.Subscriptions
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].MRR != out[j].MRR {
			return out[i].MRR > out[j].MRR
		}
		return out[i].Plan < out[j].Plan
	})
	return out
}
