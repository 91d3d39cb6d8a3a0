package revenue

import (
	"sort"
	"strings"
	"time"

	"keel/backend"
)

// evaluator values every customer's MRR at every month end and derives the
// movements, one customer at a time so that memory stays proportional to
// one customer's subscriptions.
type evaluator struct {
	tls         []*timeline
	rates       *Rates
	names       map[string]who
	loc         *time.Location
	first, last int     // the report's absolute months
	h0, n       int     // evaluated months: h0 … h0+n-1 (= last)
	ends        []int64 // the last second of each evaluated month
	convs       map[string][]*Converter
	months      []Month
	plans       []*planAcc
	planIDs     map[[2]string]int
}

// planAcc sums one plan's native MRR in one currency per report month.
type planAcc struct {
	label, cur string
	mrr, subs  []int64
}

func newEvaluator(tls []*timeline, rates *Rates, names map[string]who, first, last int, loc *time.Location) *evaluator {
	ev := &evaluator{tls: tls, rates: rates, names: names, loc: loc, first: first, last: last,
		convs: map[string][]*Converter{}, planIDs: map[[2]string]int{}}
	// History before the report decides new versus reactivation, so the
	// evaluation starts at the first month any subscription had MRR.
	ev.h0 = first - 1
	for _, t := range tls {
		for _, s := range t.steps {
			if s.mrr > 0 {
				ev.h0 = min(ev.h0, AbsMonth(s.from, loc))
				break
			}
		}
	}
	ev.n = last - ev.h0 + 1
	ev.ends = make([]int64, ev.n)
	for i := range ev.ends {
		ev.ends[i] = monthStart(ev.h0+i+1, loc).Unix() - 1
	}
	for m := first; m <= last; m++ {
		ev.months = append(ev.months, Month{Month: monthStart(m, loc).Format("2006-01"), Start: monthStart(m, loc)})
	}
	return ev
}

// conv is the converter of cur for evaluated month i; nil with an error
// when Keel has no rate (only an error if there is an amount to convert).
func (ev *evaluator) conv(cur string, i int) (*Converter, error) {
	cs := ev.convs[cur]
	if cs == nil {
		cs = make([]*Converter, ev.n)
		ev.convs[cur] = cs
	}
	if cs[i] == nil {
		c, err := ev.rates.For(cur, ev.h0+i)
		if err != nil {
			return nil, err
		}
		cs[i] = c
	}
	return cs[i], nil
}

// value converts native amounts per currency at month i's rates and sums.
func (ev *evaluator) value(curs []string, sums [][]int64, month, i int) (int64, error) {
	var v int64
	for k, cur := range curs {
		n := sums[k][month]
		if n == 0 {
			continue
		}
		c, err := ev.conv(cur, i)
		if err != nil {
			return 0, err
		}
		v += c.Convert(n)
	}
	return v, nil
}

func (ev *evaluator) run() ([]Month, error) {
	var bufs [][]int64
	for lo := 0; lo < len(ev.tls); {
		hi := lo + 1
		for hi < len(ev.tls) && ev.tls[hi].customer == ev.tls[lo].customer {
			hi++
		}
		for len(bufs) < hi-lo {
			bufs = append(bufs, make([]int64, ev.n))
		}
		if err := ev.customer(ev.tls[lo:hi], bufs[:hi-lo]); err != nil {
			return nil, err
		}
		lo = hi
	}
	if err := ev.planMix(); err != nil {
		return nil, err
	}
	for k := range ev.months {
		t := &ev.months[k].Totals
		if t.MRR != t.Prev+t.New+t.Reactivation+t.Expansion-t.Contraction-t.Churn+t.FX ||
			k > 0 && t.Prev != ev.months[k-1].MRR {
			return nil, backend.Errorf(backend.Internal, "the MRR movements of %s do not add up (a bug in Keel): %+v", ev.months[k].Month, *t)
		}
		sortMovements(ev.months[k].Movements)
	}
	return ev.months, nil
}

// fill writes a timeline's native MRR at each evaluated month end.
func (ev *evaluator) fill(t *timeline, buf []int64) {
	j, cur := 0, int64(0)
	for i, end := range ev.ends {
		for j < len(t.steps) && t.steps[j].from <= end {
			cur = t.steps[j].mrr
			j++
		}
		buf[i] = cur
	}
}

// customer evaluates one customer's subscriptions (tls, sorted together).
func (ev *evaluator) customer(tls []*timeline, bufs [][]int64) error {
	var curs []string
	var sums [][]int64
	for k, t := range tls {
		ev.fill(t, bufs[k])
		c := indexOf(curs, t.currency)
		if c < 0 {
			curs, sums = append(curs, t.currency), append(sums, make([]int64, ev.n))
			c = len(curs) - 1
		}
		for i, v := range bufs[k] {
			sums[c][i] += v
		}
	}
	f1 := ev.first - 1 - ev.h0 // the month before the report
	had := false
	for i := 0; i < f1 && !had; i++ {
		for _, s := range sums {
			had = had || s[i] > 0 // native > 0 is MRR > 0: no rate needed that far back
		}
	}
	p, err := ev.value(curs, sums, f1, f1)
	if err != nil {
		return err
	}
	for i := f1 + 1; i < ev.n; i++ {
		had = had || p > 0
		c, err := ev.value(curs, sums, i, i)
		if err != nil {
			return err
		}
		mo := &ev.months[i-f1-1]
		t := &mo.Totals
		t.Prev += p
		t.MRR += c
		if p > 0 {
			t.PrevCustomers++
		}
		if c > 0 {
			t.Customers++
		}
		var moves []Movement
		switch {
		case p == 0 && c > 0 && had:
			t.Reactivation += c
			t.ReactivatedCustomers++
			moves = append(moves, Movement{Kind: Reactivation, Amount: c})
		case p == 0 && c > 0:
			t.New += c
			t.NewCustomers++
			moves = append(moves, Movement{Kind: New, Amount: c})
		case p > 0 && c == 0:
			t.Churn += p
			t.ChurnedCustomers++
			moves = append(moves, Movement{Kind: Churn, Amount: p})
		case p > 0 && c > 0:
			// Last month's native MRR at this month's rate separates the
			// change in what the customer pays from the change in the rate.
			pAtM, err := ev.value(curs, sums, i-1, i)
			if err != nil {
				return err
			}
			if d := c - pAtM; d > 0 {
				t.Expansion += d
				t.ExpandedCustomers++
				moves = append(moves, Movement{Kind: Expansion, Amount: d})
			} else if d < 0 {
				t.Contraction -= d
				t.ContractedCustomers++
				moves = append(moves, Movement{Kind: Contraction, Amount: -d})
			}
			if fx := pAtM - p; fx != 0 {
				t.FX += fx
				moves = append(moves, Movement{Kind: FX, Amount: fx})
			}
		}
		if len(moves) > 0 {
			ev.describe(moves, tls, bufs, i, p, c)
			mo.Movements = append(mo.Movements, moves...)
		}
		p = c
	}
	ev.addPlans(tls, bufs, f1+1)
	return nil
}

// describe names the customer and the plans behind movements of month i.
func (ev *evaluator) describe(moves []Movement, tls []*timeline, bufs [][]int64, i int, p, c int64) {
	w := ev.names[tls[0].customer]
	if w.email == "" {
		for _, t := range tls {
			if t.email != "" {
				w.email = t.email
				break
			}
		}
	}
	var changed, held []string
	for k, t := range tls {
		if bufs[k][i] != bufs[k][i-1] {
			changed = appendUnique(changed, planLabel(t))
		}
		if bufs[k][i] > 0 {
			held = appendUnique(held, planLabel(t))
		}
	}
	for k := range moves {
		m := &moves[k]
		m.CustomerID, m.Name, m.Email, m.From, m.To = tls[0].customer, w.name, w.email, p, c
		m.Plan = strings.Join(changed, ", ")
		if m.Kind == FX || m.Plan == "" {
			m.Plan = strings.Join(held, ", ")
		}
	}
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

// planMix converts each plan's native sums per currency at month end.
func (ev *evaluator) planMix() error {
	r0 := ev.first - ev.h0
	for k := range ev.months {
		byLabel := map[string]*PlanMRR{}
		for _, acc := range ev.plans {
			if acc.subs[k] == 0 {
				continue
			}
			c, err := ev.conv(acc.cur, r0+k)
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
		for _, p := range byLabel {
			ev.months[k].Plans = append(ev.months[k].Plans, *p)
		}
		sort.Slice(ev.months[k].Plans, func(i, j int) bool {
			a, b := ev.months[k].Plans[i], ev.months[k].Plans[j]
			if a.MRR != b.MRR {
				return a.MRR > b.MRR
			}
			return a.Plan < b.Plan
		})
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

var kindOrder = map[Kind]int{New: 0, Reactivation: 1, Expansion: 2, Contraction: 3, Churn: 4, FX: 5}

func sortMovements(ms []Movement) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if abs(a.Amount) != abs(b.Amount) {
			return abs(a.Amount) > abs(b.Amount)
		}
		return a.CustomerID < b.CustomerID
	})
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

func appendUnique(xs []string, x string) []string {
	if indexOf(xs, x) < 0 {
		xs = append(xs, x)
	}
	return xs
}
