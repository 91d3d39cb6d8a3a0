package revenue_test

import (
	"math/big"
	"time"
)

// simRevenue is one month's expected revenue fields.
type simRevenue struct {
	MRR, New, Expansion, Contraction, Churn, Reactivation, FX, ARR  int64
	Customers, NewCustomers, ChurnedCustomers, ReactivatedCustomers int64
	ARPA                                                            *int64
	LogoChurn, GrossChurn, NetChurn, NRR, Quick                     *float64
}

// simMonthEnd is the last second of month i (0 = January 2024) in New York.
func simMonthEnd(i int) time.Time {
	return time.Date(2024, time.Month(2+i), 1, 0, 0, 0, 0, simZone).Add(-time.Second)
}

func simMonthName(i int) string {
	return time.Date(2024, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// mrrAt is the subscription's native MRR at instant t under the rules, from
// the simulation's own state.
func (s *simSub) mrrAt(t time.Time, rule string, list bool) int64 {
	if s.test || s.status == "trialing" || s.status == "unpaid" || t.Before(s.start) {
		return 0
	}
	var end time.Time
	switch {
	case s.source == "orphan": // only its invoices are known: it ran until they ran out
		end = s.periods[len(s.periods)-1].to
	case rule == "cancellation" && s.canceledAt != nil:
		end = *s.canceledAt
	case s.endedAt != nil:
		end = *s.endedAt
	case s.cancelAtPeriodEnd:
		end = s.curTill
	}
	if !end.IsZero() && !t.Before(end) {
		return 0
	}
	if !s.trialFrom.IsZero() && !t.Before(s.trialFrom) && t.Before(s.trialTill) {
		return 0
	}
	amount := s.price * s.qty
	if s.source != "export" {
		var p simPeriod
		for _, q := range s.periods {
			if !q.from.After(t) {
				p = q
			}
		}
		switch {
		case !list:
			amount = p.subtotal - p.discount
		case s.source == "orphan": // no plan amount known: the invoice's list price
			amount = p.subtotal
		}
	}
	months := s.count
	if s.interval == "year" {
		months = 12 * s.count
	}
	return simRound(amount, months)
}

// rate is r(cur, month i) in USD per unit, from the company's own payments
// (Σ converted / Σ amount of the month, else of the latest earlier month),
// else from the rates it typed into Keel.
func (c *simCompany) rates() func(cur string, i int) *big.Rat {
	type sum struct{ conv, amount int64 }
	sums := map[string]map[int]*sum{}
	for _, p := range c.payments {
		if p.test || p.status == "Failed" || p.cur == "usd" {
			continue
		}
		lt := p.at.In(simZone)
		i := (lt.Year()-2024)*12 + int(lt.Month()) - 1
		if sums[p.cur] == nil {
			sums[p.cur] = map[int]*sum{}
		}
		if sums[p.cur][i] == nil {
			sums[p.cur][i] = &sum{}
		}
		sums[p.cur][i].conv += p.converted
		sums[p.cur][i].amount += p.amount
	}
	return func(cur string, i int) *big.Rat {
		if cur == "usd" {
			return big.NewRat(1, 1)
		}
		for m := i; m >= 0; m-- {
			if s := sums[cur][m]; s != nil {
				// (Σconv / 100) / (Σamount / 10^e)
				return new(big.Rat).SetFrac(big.NewInt(s.conv*pow10(simExp[cur])), big.NewInt(s.amount*100))
			}
		}
		for m := i; m >= 0; m-- {
			if v, ok := c.userRates[cur+" "+simMonthName(m)]; ok {
				r, _ := new(big.Rat).SetString(v)
				return r
			}
		}
		panic("the simulation has no rate for " + cur + " in " + simMonthName(i))
	}
}

// usd converts n minor units of cur at rate r: round(n / 10^e × r × 100).
func usd(n int64, cur string, r *big.Rat) int64 {
	x := new(big.Rat).Mul(big.NewRat(n*100, pow10(simExp[cur])), r)
	num, den := new(big.Int).Set(x.Num()), x.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Abs(m).Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(int64(num.Sign())))
	}
	return q.Int64()
}

// expected computes METRICS.md's revenue fields for months 0..last from
// the simulation's state.
func (c *simCompany) expected(rule string, list bool, last int) []simRevenue {
	rate := c.rates()
	// native[customer][currency][month]
	native := map[string]map[string][]int64{}
	add := func(customer, cur string, i int, v int64) {
		if native[customer] == nil {
			native[customer] = map[string][]int64{}
		}
		if native[customer][cur] == nil {
			native[customer][cur] = make([]int64, last+1)
		}
		native[customer][cur][i] += v
	}
	for i := 0; i <= last; i++ {
		end := simMonthEnd(i)
		for _, s := range c.subs {
			add(s.customer, s.cur, i, s.mrrAt(end, rule, list))
		}
		for _, p := range c.payers {
			if p.n >= 2 && !end.Before(p.first) && end.Before(p.first.AddDate(0, p.n, 0)) {
				add(p.customer, p.cur, i, p.amount)
			}
		}
	}
	value := func(byCur map[string][]int64, month, at int) int64 {
		var v int64
		for cur, ns := range byCur {
			if ns[month] != 0 {
				v += usd(ns[month], cur, rate(cur, at))
			}
		}
		return v
	}
	out := make([]simRevenue, last+1)
	for _, byCur := range native {
		had := false
		for i := 1; i <= last; i++ {
			p, cv := value(byCur, i-1, i-1), value(byCur, i, i)
			had = had || p > 0
			e := &out[i]
			e.MRR += cv
			switch {
			case p == 0 && cv > 0 && had:
				e.Reactivation += cv
				e.ReactivatedCustomers++
			case p == 0 && cv > 0:
				e.New += cv
				e.NewCustomers++
			case p > 0 && cv == 0:
				e.Churn += p
				e.ChurnedCustomers++
			case p > 0 && cv > 0:
				atM := value(byCur, i-1, i)
				if cv > atM {
					e.Expansion += cv - atM
				} else {
					e.Contraction += atM - cv
				}
				e.FX += atM - p
			}
			if cv > 0 {
				e.Customers++
			}
		}
		if v := value(byCur, 0, 0); v > 0 {
			out[0].MRR += v
			out[0].Customers++
		}
	}
	for i := 1; i <= last; i++ {
		e, prev := &out[i], out[i-1]
		e.ARR = 12 * e.MRR
		if e.Customers > 0 {
			a := simRound(e.MRR, e.Customers)
			e.ARPA = &a
		}
		div := func(a, b int64) *float64 {
			if b == 0 {
				return nil
			}
			f := float64(a) / float64(b)
			return &f
		}
		e.LogoChurn = div(e.ChurnedCustomers, prev.Customers)
		e.GrossChurn = div(e.Churn+e.Contraction, prev.MRR)
		e.NetChurn = div(e.Churn+e.Contraction-e.Expansion-e.Reactivation, prev.MRR)
		e.NRR = div(prev.MRR+e.Expansion-e.Contraction-e.Churn, prev.MRR)
		e.Quick = div(e.New+e.Reactivation+e.Expansion, e.Contraction+e.Churn)
		if e.MRR != prev.MRR+e.New+e.Reactivation+e.Expansion-e.Contraction-e.Churn+e.FX {
			panic("the simulation's own identity fails in " + simMonthName(i))
		}
	}
	return out
}
