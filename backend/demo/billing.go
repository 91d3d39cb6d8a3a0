package demo

import (
	"fmt"
	"math"
	"time"
)

// invoice issues the invoice of the period [ps, pe) at its current plan,
// seats, coupon and tax.
func (w *world) invoice(s *subscription, ps, pe time.Time) *invoice {
	c := s.cust
	inv := &invoice{
		id:          w.ids.object("in", '1', ps),
		sub:         s,
		date:        ps,
		periodStart: ps,
		periodEnd:   pe,
		subtotal:    price(s.tier, s.annual) * int64(s.qty),
		taxPct:      c.taxPct,
		first:       s.periods == 0,
	}
	if pct := s.discountPct(); pct > 0 {
		inv.coupon = s.coupon
		inv.discount = roundCents(float64(inv.subtotal) * float64(pct) / 100)
	}
	inv.tax = roundCents(float64(inv.subtotal-inv.discount) * float64(inv.taxPct) / 100)
	inv.total = inv.subtotal - inv.discount + inv.tax
	s.invoices = append(s.invoices, inv)
	return inv
}

// discountPct is the coupon's discount on the next invoice.
func (s *subscription) discountPct() int {
	switch s.coupon {
	case partnerCoupon:
		return 10
	case launchCoupon:
		if s.periods < 3 && !s.annual || s.periods == 0 {
			return 20
		}
	}
	return 0
}

func roundCents(x float64) int64 { return int64(math.Floor(x + 0.5)) }

// Retries of a failed renewal, after the first attempt (Stripe's smart
// retries spread over about two weeks).
var retryAfter = [...]time.Duration{3 * day, 5 * day, 7 * day}

var declines = []string{"insufficient_funds", "insufficient_funds", "insufficient_funds", "card_declined", "expired_card", "do_not_honor", "try_again_later"}

// collect charges the invoice. It reports stop = true when the subscription
// cannot go on: retries exhausted (canceled at end), a lost dispute, or a
// charge still pending at now.
func (w *world) collect(s *subscription, inv *invoice) (end time.Time, stop bool) {
	r := w.r
	c := s.cust
	at := inv.date.Add(jitter(r, 20*time.Second, 90*time.Second))
	if !inv.first {
		at = inv.date.Add(time.Hour + jitter(r, 0, 20*time.Minute))
	}
	if !at.Before(w.now) {
		inv.status = "draft" // finalised and charged after now
		return w.now, true
	}
	inv.number = fmt.Sprintf("%s-%04d", c.invPrefix, c.invSeq+1)
	c.invSeq++
	failures := 0
	if !inv.first && !c.sepa && c.story == "" && chance(r, 0.045) {
		failures = 1 + weighted(r, 60, 20, 10, 10) // 4 = never recovers
	}
	decline := pick(r, declines)
	for attempt := 0; ; attempt++ {
		if !at.Before(w.now) {
			inv.status = "open"
			s.pastDue = true
			return w.now, true
		}
		if attempt < failures {
			inv.payments = append(inv.payments, w.charge(inv, at, decline))
			if attempt == 0 && chance(r, 0.35) {
				w.notes = append(w.notes, note{at.Add(jitter(r, 20*time.Minute, 20*time.Hour)), c, noteFailed})
			}
			if attempt == len(retryAfter) {
				break
			}
			at = at.Add(retryAfter[attempt] + jitter(r, -3*time.Hour, 3*time.Hour))
			continue
		}
		p := w.charge(inv, at, "")
		inv.payments = append(inv.payments, p)
		inv.status = "paid"
		w.afterPayment(s, p)
		if !s.endedAt.IsZero() {
			return s.endedAt, true
		}
		return time.Time{}, false
	}
	// All retries failed: Stripe cancels the subscription and marks the
	// invoice uncollectible.
	end = at.Add(jitter(r, 2*time.Minute, 40*time.Minute))
	if !end.Before(w.now) {
		s.pastDue = true
		inv.status = "open"
		return w.now, true
	}
	inv.status = "uncollectible"
	s.canceledAt, s.endedAt, s.reason = end, end, "payment_failed"
	return end, true
}

// afterPayment plays what can happen to a successful charge: a goodwill
// refund, or the one dispute.
func (w *world) afterPayment(s *subscription, p *payment) {
	r := w.r
	c := s.cust
	if c.story == storyDispute && s.periods >= 2 && p.created.After(w.now.Add(-110*day)) {
		p.disputed = p.amount
		p.disputedAt = p.created.Add(24*day + jitter(r, 0, 48*time.Hour))
		p.disputeStatus = "lost"
		if p.disputedAt.After(w.now.Add(-21 * day)) {
			p.disputeStatus = "needs_response"
		}
		end := p.disputedAt.Add(2*time.Hour + 13*time.Minute)
		s.canceledAt, s.endedAt, s.reason = end, end, "payment_disputed"
		return
	}
	if c.story == "" && chance(r, 0.003) {
		// Credit for an outage or a seat billed by mistake.
		part := roundCents(float64(p.amount)*(0.1+0.4*r.Float64())/100) * 100
		w.refund(p, min(part, p.amount), p.created.Add(jitter(r, 2*day, 20*day)))
	}
}

// charge records one payment attempt; decline is empty for a success.
func (w *world) charge(inv *invoice, at time.Time, decline string) *payment {
	c := inv.sub.cust
	prefix := "ch"
	if c.sepa {
		prefix = "py"
	}
	p := &payment{id: w.ids.object(prefix, '3', at), inv: inv, created: at, amount: inv.total, converted: inv.total, status: "Paid"}
	if c.eur {
		p.converted = roundCents(float64(inv.total) * eurUSD(at))
	}
	if decline != "" {
		p.status, p.decline = "Failed", decline
		return p
	}
	switch {
	case c.sepa:
		p.fee = min(roundCents(float64(p.converted)*0.008), 500)
	case c.eur:
		p.fee = roundCents(float64(p.converted)*0.044) + 30
	default:
		p.fee = roundCents(float64(p.converted)*0.029) + 30
	}
	p.transfer = w.payout(at)
	return p
}

// payout returns the id of the payout that carried a charge made at t, or
// "" when that payout has not happened by now.
func (w *world) payout(t time.Time) string {
	y, m, d := t.Date()
	paid := time.Date(y, m, d+2, 0, 0, 0, 0, time.UTC).Add(7 * time.Hour)
	if !paid.Before(w.now) {
		return ""
	}
	key := paid.Format(time.DateOnly)
	if id, ok := w.payouts[key]; ok {
		return id
	}
	id := w.ids.object("po", '1', paid)
	w.payouts[key] = id
	return id
}

// refund gives amount back on p at t, unless t is after now.
func (w *world) refund(p *payment, amount int64, t time.Time) {
	if !t.Before(w.now) || amount <= 0 {
		return
	}
	p.refunded, p.refundedAt = amount, t
	p.convRefunded = amount
	if p.inv.sub.cust.eur {
		p.convRefunded = roundCents(float64(amount) * eurUSD(p.created))
	}
	if amount == p.amount {
		p.status = "Refunded"
	}
	w.notes = append(w.notes, note{t.Add(-jitter(w.r, 30*time.Minute, 40*time.Hour)), p.inv.sub.cust, noteRefund})
}

// succeeded returns the invoice's successful payment, or nil.
func (i *invoice) succeeded() *payment {
	for _, p := range i.payments {
		if p.succeeded() {
			return p
		}
	}
	return nil
}
