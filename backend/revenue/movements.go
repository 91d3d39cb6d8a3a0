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

// move records one customer's movement of evaluated month i.
func (ev *evaluator) move(tls []*timeline, bufs [][]int64, i, kind int, amount, p, c int64) move {
	m := move{tl: ev.index(tls[0]), plan: -1, kind: uint8(kind), amount: amount, p: p, c: c}
	if len(tls) > 1 {
		m.plan = int32(len(ev.planNames))
		ev.planNames = append(ev.planNames, plansMoved(tls, bufs, i, kindOrder[kind]))
	}
	return m
}

// index finds a timeline's position; customers are evaluated in order, so
// the last one looked up is usually the answer.
func (ev *evaluator) index(t *timeline) int32 {
	for ev.cursor < len(ev.tls) && ev.tls[ev.cursor] != t {
		ev.cursor++
	}
	return int32(ev.cursor)
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

// movements turns the recorded moves into the months' Movements, by kind
// then customer, with names and emails from the customers export.
func (ev *evaluator) movements(names map[string]who) {
	people := make([]*who, len(ev.tls)) // resolved once per customer
	for k := range ev.months {
		n := 0
		for _, b := range ev.moves[k] {
			n += len(b)
		}
		ms := make([]Movement, 0, n)
		for kind, b := range ev.moves[k] {
			for _, m := range b {
				t := ev.tls[m.tl]
				w := people[m.tl]
				if w == nil {
					w = &who{}
					if x, ok := names[t.customer]; ok {
						*w = x
					}
					if w.email == "" {
						w.email = email(ev.tls[m.tl:], t.customer)
					}
					people[m.tl] = w
				}
				plan := planLabel(t)
				if m.plan >= 0 {
					plan = ev.planNames[m.plan]
				}
				ms = append(ms, Movement{CustomerID: t.customer, Name: w.name, Email: w.email, Kind: kindOrder[kind],
					Amount: m.amount, Plan: plan, From: m.p, To: m.c})
			}
		}
		ev.months[k].Movements = ms
	}
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
