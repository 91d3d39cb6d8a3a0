package revenue

import "sort"

// planAcc sums one plan's native MRR in one currency per report month.
type planAcc struct {
	label, cur string
	mrr, subs  []int64
}

// addPlans adds a customer's subscriptions to the plan mix of the report
// months (evaluated months from r0 on).
func (ev *evaluator) addPlans(tls []*timeline, bufs [][]int64, r0 int) {
	for k, t := range tls {
		var acc *planAcc
		for i := r0; i < ev.n; i++ {
			v := bufs[k][i]
			if v <= 0 {
				continue
			}
			if acc == nil {
				key := [2]string{planLabel(t), t.currency}
				id, ok := ev.planIDs[key]
				if !ok {
					id = len(ev.plans)
					ev.planIDs[key] = id
					m := len(ev.months)
					ev.plans = append(ev.plans, &planAcc{label: key[0], cur: key[1], mrr: make([]int64, m), subs: make([]int64, m)})
				}
				acc = ev.plans[id]
			}
			acc.mrr[i-r0] += v
			acc.subs[i-r0]++
		}
	}
}

// planMix converts each plan's native sums per currency at the month end.
func (ev *evaluator) planMix() error {
	r0 := ev.first - ev.h0
	for k := range ev.months {
		byLabel := map[string]*PlanMRR{}
		for _, acc := range ev.plans {
			if acc.subs[k] == 0 {
				continue
			}
			c, err := ev.conv(ev.converters(acc.cur), acc.cur, r0+k)
			if err != nil {
				return err
			}
			p := byLabel[acc.label]
			if p == nil {
				p = &PlanMRR{Plan: acc.label}
				byLabel[acc.label] = p
			}
			p.MRR += c.Convert(acc.mrr[k])
			p.Subscriptions += acc.subs[k]
		}
		plans := make([]PlanMRR, 0, len(byLabel))
		for _, p := range byLabel {
			plans = append(plans, *p)
		}
		sort.Slice(plans, func(i, j int) bool {
			if plans[i].MRR != plans[j].MRR {
				return plans[i].MRR > plans[j].MRR
			}
			return plans[i].Plan < plans[j].Plan
		})
		ev.months[k].Plans = plans
	}
	return nil
}

func planLabel(t *timeline) string {
	switch {
	case t.plan != "":
		return t.plan
	case t.source == FromPayments:
		return "(recurring payments)"
	}
	return "(no plan)"
}

func appendUnique(xs []string, x string) []string {
	for _, s := range xs {
		if s == x {
			return xs
		}
	}
	return append(xs, x)
}
