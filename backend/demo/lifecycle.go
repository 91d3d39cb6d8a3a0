package demo

import "time"

// live runs the customer's subscriptions from signup to now: trial, paid
// periods, plan changes, cancellation, and sometimes a comeback.
func (w *world) live(c *customer) {
	r := w.r
	if c.story == "" && chance(r, 0.03) {
		// Abandoned checkout: a customer record and nothing else.
		c.spans = append(c.spans, span{c.created, minTime(c.created.Add(3*day), w.now), "-"})
		return
	}
	s := w.firstSubscription(c)
	for s != nil {
		c.subs = append(c.subs, s)
		w.run(s)
		s = w.comeback(c, s)
	}
}

func (w *world) firstSubscription(c *customer) *subscription {
	r := w.r
	s := &subscription{cust: c, created: c.created, qty: 1}
	switch c.story {
	case storyWinback:
		s.tier = growth
	case storyDispute:
		s.tier, s.qty = growth, 2
	case storyOneMonth:
		s.tier = starter
	default:
		s.tier = tier(weighted(r, 50, 35, 15))
		if c.public {
			s.tier = starter
		}
		s.annual = chance(r, [...]float64{0.12, 0.2, 0.35}[s.tier])
		switch {
		case s.tier == growth && chance(r, 0.25):
			s.qty = 2 + r.IntN(2)
		case s.tier == scale && chance(r, 0.4):
			s.qty = 2 + r.IntN(4)
		}
		if chance(r, 0.55) {
			s.trialStart, s.trialEnd = c.created, c.created.Add(14*day)
		}
		switch {
		case c.partner:
			s.coupon = partnerCoupon
		case w.monthIndex(c.created) < 6 && chance(r, 0.35):
			s.coupon = launchCoupon
		}
	}
	w.startSubscription(s)
	return s
}

func (w *world) startSubscription(s *subscription) {
	s.id = w.ids.object("sub", '1', s.created)
	if s.cust.currency == "" {
		s.cust.currency = "usd"
		if s.cust.eur {
			s.cust.currency = "eur"
		}
	}
}

// churnHazard is the chance that a paid period is the customer's last.
func churnHazard(s *subscription) float64 {
	if s.annual {
		return 0.2
	}
	h := [...]float64{0.042, 0.028, 0.018}[s.tier]
	if s.periods <= 2 {
		h *= 1.4
	}
	return h
}

// run bills s period by period until it ends or reaches now.
func (w *world) run(s *subscription) {
	c := s.cust
	anchor := s.created
	if !s.trialEnd.IsZero() {
		if w.trialEnds(s) {
			return
		}
		anchor = s.trialEnd
	}
	elapsed := 0 // months since anchor
	for {
		ps := addMonths(anchor, elapsed)
		length := 1
		if s.annual {
			length = 12
		}
		pe := addMonths(anchor, elapsed+length)
		if !ps.Before(w.now) {
			break
		}
		s.periodStart, s.periodEnd = ps, pe
		inv := w.invoice(s, ps, pe)
		label := plans[s.tier].name
		if end, stop := w.collect(s, inv); stop {
			c.spans = append(c.spans, span{ps, minTime(end, w.now), label})
			break
		}
		s.periods++
		elapsed += length

		churn, immediate := w.decideChurn(s)
		if churn {
			if w.cancel(s, inv, ps, pe, immediate) {
				c.spans = append(c.spans, span{ps, minTime(s.endOr(pe), w.now), label})
				break
			}
		}
		c.spans = append(c.spans, span{ps, minTime(pe, w.now), label})
		if s.pastDue {
			break
		}
		if !churn {
			w.changePlan(s, pe)
		}
	}
}

func (s *subscription) endOr(t time.Time) time.Time {
	if !s.endedAt.IsZero() {
		return s.endedAt
	}
	return t
}

// trialEnds plays the trial; it reports true when the subscription ends
// with it (or the trial is still running at now).
func (w *world) trialEnds(s *subscription) bool {
	r := w.r
	c := s.cust
	s.periodStart, s.periodEnd = s.trialStart, s.trialEnd
	converts := chance(r, 0.7)
	end := s.trialEnd
	if !converts && chance(r, 0.4) {
		end = between(r, s.trialStart.Add(day), s.trialEnd)
	}
	if !end.Before(w.now) {
		c.spans = append(c.spans, span{s.trialStart, w.now, "Trial"})
		return true
	}
	c.spans = append(c.spans, span{s.trialStart, end, "Trial"})
	if converts {
		return false
	}
	s.canceledAt, s.endedAt = end, end
	if end.Before(s.trialEnd) {
		s.reason = "cancellation_requested"
	}
	return true
}

// decideChurn says whether the customer cancels during the current period,
// and whether at once rather than at the period end.
func (w *world) decideChurn(s *subscription) (churn, immediate bool) {
	r := w.r
	switch s.cust.story {
	case storyWinback:
		return len(s.cust.subs) == 1 && s.periods == 7, false
	case storyOneMonth:
		return true, true
	case storyDispute:
		return false, false
	}
	if !chance(r, churnHazard(s)) {
		return false, false
	}
	if s.annual {
		return true, chance(r, 0.05)
	}
	return true, chance(r, 0.25)
}

// cancel ends the subscription inside the current period [ps, pe). It
// reports false when the cancellation would fall after now (the customer has
// not decided yet).
func (w *world) cancel(s *subscription, inv *invoice, ps, pe time.Time, immediate bool) bool {
	r := w.r
	var at time.Time
	if immediate {
		at = ps.Add(time.Duration(float64(pe.Sub(ps)) * (0.05 + 0.55*r.Float64())))
		if s.cust.story == storyOneMonth {
			at = ps.Add(15*day + 3*time.Hour + 26*time.Minute)
		}
	} else {
		at = pe.Add(-jitter(r, time.Hour, 20*day))
		if s.annual {
			at = pe.Add(-jitter(r, time.Hour, 45*day))
		}
		if at.Before(ps) {
			at = ps.Add(time.Hour)
		}
	}
	if !at.Before(w.now) {
		return false
	}
	s.canceledAt = at
	s.reason = "cancellation_requested"
	w.notes = append(w.notes, note{at.Add(-jitter(r, 10*time.Minute, 30*time.Hour)), s.cust, noteCancel})
	if !immediate {
		s.cancelAtPeriodEnd = true
		if !pe.After(w.now) {
			s.endedAt = pe
		}
		return true
	}
	s.endedAt = at
	// Money back for the unused part, or all of it when they cancel in the
	// first week.
	if p := inv.succeeded(); p != nil {
		switch {
		case s.cust.story == storyOneMonth || at.Sub(ps) < 7*day && chance(r, 0.3):
			w.refund(p, p.amount, at.Add(jitter(r, 5*time.Minute, 3*time.Hour)))
		case chance(r, 0.25):
			unused := float64(pe.Sub(at)) / float64(pe.Sub(ps))
			w.refund(p, int64(float64(p.amount)*unused+0.5), at.Add(jitter(r, 5*time.Minute, 3*time.Hour)))
		}
	}
	return true
}

// changePlan may upgrade or downgrade the plan from the next period on.
func (w *world) changePlan(s *subscription, next time.Time) {
	r := w.r
	if s.cust.story != "" || s.periods < 2 || s.cust.public {
		return
	}
	up, down := 0.02, 0.01
	if s.annual {
		up, down = 0.15, 0.05
	}
	switch {
	case chance(r, up):
		if s.tier < scale && (s.tier == starter || chance(r, 0.6)) {
			s.tier++
		} else {
			s.qty += 1 + r.IntN(3)
		}
		if t := next.Add(-jitter(r, time.Hour, 10*day)); t.Before(w.now) {
			w.notes = append(w.notes, note{t, s.cust, noteUpgrade})
		}
	case chance(r, down):
		if s.qty > 1 {
			s.qty--
		} else if s.tier > starter {
			s.tier--
		}
	case !s.annual && s.periods >= 3 && chance(r, 0.006):
		s.annual = true // moves to yearly billing at the next renewal
	}
}

// comeback returns the new subscription of a customer who left and returns
// months later, or nil.
func (w *world) comeback(c *customer, prev *subscription) *subscription {
	r := w.r
	if prev.endedAt.IsZero() || prev.reason != "cancellation_requested" || prev.periods == 0 {
		return nil
	}
	var at time.Time
	switch c.story {
	case storyWinback:
		if len(c.subs) > 1 {
			return nil
		}
		at = prev.endedAt.Add(150*day + 5*time.Hour + 17*time.Minute)
	case "":
		if !chance(r, 0.25) {
			return nil
		}
		at = prev.endedAt.Add(jitter(r, 45*day, 200*day))
	default:
		return nil
	}
	if !at.Before(w.now) {
		return nil
	}
	s := &subscription{cust: c, created: at, tier: prev.tier, qty: 1}
	if c.story == storyWinback {
		s.tier = scale
	} else if chance(r, 0.4) {
		s.tier = tier(weighted(r, 40, 40, 20))
	}
	w.startSubscription(s)
	return s
}

// status is the subscription's status at now.
func (s *subscription) status(now time.Time) string {
	switch {
	case !s.endedAt.IsZero():
		return "canceled"
	case s.pastDue:
		return "past_due"
	case !s.trialEnd.IsZero() && now.Before(s.trialEnd) && s.periods == 0:
		return "trialing"
	default:
		return "active"
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
