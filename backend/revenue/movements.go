package revenue

import "strings"

// move is a movement while the months are computed: small and free of
// pointers, because a workspace can have hundreds of thousands of them
// (every foreign-currency customer moves with the rate every month).
type move struct {
	tl           int32 // index of the customer's first timeline
	plan         int32 // index into planNames, or -1: the first timeline's plan
	kind         uint8 // index into kindOrder
	amount, p, c int64
}

// move records the movement of evaluated month i of the customer whose
// timelines tls start at index lo.
func (ev *evaluator) move(lo int, tls []*timeline, bufs [][]int64, i, kind int, amount, p, c int64) move {
	m := move{tl: int32(lo), plan: -1, kind: uint8(kind), amount: amount, p: p, c: c}
	if len(tls) > 1 {
		m.plan = int32(len(ev.planNames))
		ev.planNames = append(ev.planNames, plansMoved(tls, bufs, i, kindOrder[kind]))
	}
	return m
}

// plansMoved names the plans whose MRR changed in month i (for fx, the
// plans held) of a customer with several subscriptions.
func plansMoved(tls []*timeline, bufs [][]int64, i int, kind Kind) string {
	var changed, held []string
	for k, t := range tls {
		if bufs[k][i] != bufs[k][i-1] {
			changed = appendUnique(changed, planLabel(t))
		}
		if bufs[k][i] > 0 {
			held = appendUnique(held, planLabel(t))
		}
	}
	if kind == FX || len(changed) == 0 {
		return strings.Join(held, ", ")
	}
	return strings.Join(changed, ", ")
}

// ledger keeps a series' movements compact until someone asks for them.
type ledger struct {
	moves     [][6][]move // per report month, per kind
	tls       []*timeline
	planNames []string
	names     map[string]who
}

// Movements lists the customers behind month's movements (YYYY-MM) of one
// kind, or of every kind when kind is "": by kind (new, reactivation,
// expansion, contraction, churn, fx), then customer id. They are built on
// demand, because a large workspace has hundreds of thousands of them.
func (s *Series) Movements(month string, kind Kind) []Movement {
	l := s.ledger
	for k := range s.Months {
		if s.Months[k].Month != month || l == nil {
			continue
		}
		var out []Movement
		for kd, b := range l.moves[k] {
			if kind != "" && kindOrder[kd] != kind {
				continue
			}
			for _, m := range b {
				t := l.tls[m.tl]
				w := l.names[t.customer]
				if w.email == "" {
					w.email = email(l.tls[m.tl:], t.customer)
				}
				plan := planLabel(t)
				if m.plan >= 0 {
					plan = l.planNames[m.plan]
				}
				out = append(out, Movement{CustomerID: t.customer, Name: w.name, Email: w.email, Kind: kindOrder[kd],
					Amount: m.amount, Plan: plan, From: m.p, To: m.c})
			}
		}
		return out
	}
	return nil
}

// email is the first email a customer's subscriptions carry.
func email(tls []*timeline, customer string) string {
	for _, t := range tls {
		if t.customer != customer {
			break
		}
		if t.email != "" {
			return t.email
		}
	}
	return ""
}
