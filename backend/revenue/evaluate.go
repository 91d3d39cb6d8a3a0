package revenue

import (
	"time"

	"keel/backend"
)

// evaluator values every customer's MRR at every month end and derives the
// movements, one customer at a time so that memory stays proportional to
// one customer's subscriptions.
type evaluator struct {
	tls         []*timeline
	rates       *Rates
	loc         *time.Location
	first, last int     // the report's absolute months
	h0, n       int     // evaluated months: h0 … h0+n-1 (= last)
	ends        []int64 // the last second of each evaluated month
	convs       map[string][]*Converter
	months      []Month
	moves       [][6][]move // per report month, per kind (in kindOrder)
	planNames   []string    // plans of customers with several subscriptions
	plans       []*planAcc
	planIDs     map[[2]string]int
}

// kindOrder lists the kinds in the order movements are listed; the
// evaluator files moves by index into it.
var kindOrder = [6]Kind{New, Reactivation, Expansion, Contraction, Churn, FX}

const (
	iNew = iota
	iReactivation
	iExpansion
	iContraction
	iChurn
	iFX
)

func newEvaluator(tls []*timeline, rates *Rates, first, last int, loc *time.Location) *evaluator {
	ev := &evaluator{tls: tls, rates: rates, loc: loc, first: first, last: last,
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
	ev.moves = make([][6][]move, len(ev.months))
	return ev
}

// converters are the converters of cur per evaluated month, found lazily.
func (ev *evaluator) converters(cur string) []*Converter {
	cs := ev.convs[cur]
	if cs == nil {
		cs = make([]*Converter, ev.n)
		ev.convs[cur] = cs
	}
	return cs
}

// conv is cur's converter for evaluated month i, or the error naming the
// currency and month (an error only when there is an amount to convert).
func (ev *evaluator) conv(cs []*Converter, cur string, i int) (*Converter, error) {
	if cs[i] == nil {
		c, err := ev.rates.For(cur, ev.h0+i)
		if err != nil {
			return nil, err
		}
		cs[i] = c
	}
	return cs[i], nil
}

// purse is one customer's native MRR in one currency per evaluated month.
type purse struct {
	cur   string
	sums  []int64
	convs []*Converter
}

// value converts native amounts of month at month i's rates and sums them.
func (ev *evaluator) value(ps []purse, month, i int) (int64, error) {
	var v int64
	for _, p := range ps {
		n := p.sums[month]
		if n == 0 {
			continue
		}
		c, err := ev.conv(p.convs, p.cur, i)
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
		if err := ev.customer(lo, ev.tls[lo:hi], bufs[:hi-lo]); err != nil {
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

// customer evaluates one customer's subscriptions, tls = ev.tls[lo:…].
func (ev *evaluator) customer(lo int, tls []*timeline, bufs [][]int64) error {
	var ps []purse
	for k, t := range tls {
		ev.fill(t, bufs[k])
		c := -1
		for j := range ps {
			if ps[j].cur == t.currency {
				c = j
			}
		}
		if c < 0 {
			ps = append(ps, purse{cur: t.currency, sums: make([]int64, ev.n), convs: ev.converters(t.currency)})
			c = len(ps) - 1
		}
		for i, v := range bufs[k] {
			ps[c].sums[i] += v
		}
	}
	f1 := ev.first - 1 - ev.h0 // the month before the report
	had := false
	for i := 0; i < f1 && !had; i++ {
		for _, p := range ps {
			had = had || p.sums[i] > 0 // native > 0 is MRR > 0: no rate needed that far back
		}
	}
	p, err := ev.value(ps, f1, f1)
	if err != nil {
		return err
	}
	for i := f1 + 1; i < ev.n; i++ {
		had = had || p > 0
		c, err := ev.value(ps, i, i)
		if err != nil {
			return err
		}
		k := i - f1 - 1
		t := &ev.months[k].Totals
		t.Prev += p
		t.MRR += c
		if p > 0 {
			t.PrevCustomers++
		}
		if c > 0 {
			t.Customers++
		}
		add := func(kind int, amount int64) {
			ev.moves[k][kind] = append(ev.moves[k][kind], ev.move(lo, tls, bufs, i, kind, amount, p, c))
		}
		switch {
		case p == 0 && c > 0 && had:
			t.Reactivation += c
			t.ReactivatedCustomers++
			add(iReactivation, c)
		case p == 0 && c > 0:
			t.New += c
			t.NewCustomers++
			add(iNew, c)
		case p > 0 && c == 0:
			t.Churn += p
			t.ChurnedCustomers++
			add(iChurn, p)
		case p > 0 && c > 0:
			// Last month's native MRR at this month's rate separates the
			// change in what the customer pays from the change in the rate.
			pAtM, err := ev.value(ps, i-1, i)
			if err != nil {
				return err
			}
			if d := c - pAtM; d > 0 {
				t.Expansion += d
				t.ExpandedCustomers++
				add(iExpansion, d)
			} else if d < 0 {
				t.Contraction -= d
				t.ContractedCustomers++
				add(iContraction, -d)
			}
			if fx := pAtM - p; fx != 0 {
				t.FX += fx
				add(iFX, fx)
			}
		}
		p = c
	}
	ev.addPlans(tls, bufs, f1+1)
	return nil
}
