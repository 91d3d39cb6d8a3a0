package revenue_test

import "testing"

func TestZZSimSummary(t *testing.T) {
	co := newSimCompany(2026)
	c := map[string]int{}
	for _, s := range co.subs {
		c["source "+s.source]++
		c["status "+s.status]++
		c["cur "+s.cur]++
		c["interval "+s.interval+itoa(s.count)]++
		if !s.trialFrom.IsZero() {
			c["trial"]++
		}
		if s.cancelAtPeriodEnd {
			c["cancelAtPeriodEnd"]++
		}
		for _, p := range s.periods {
			if p.discount > 0 {
				c["discounted periods"]++
			}
		}
		if s.plan == "addon" {
			c["addon"]++
		}
	}
	for _, p := range co.payers {
		c["payer n>=2"] += b2i(p.n >= 2)
		c["payer cur "+p.cur]++
	}
	c["payments"] = len(co.payments)
	t.Log(c)
	w := co.expected("period_end", false, 23)
	for i, m := range w {
		t.Logf("%s %+v", simMonthName(i), m)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
