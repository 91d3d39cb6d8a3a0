package demo

import (
	"slices"
	"time"
)

// The release the demo company rolled back ("Usage-based invoices", see
// releases.go): it went out 75 days before now at 14:00 UTC and charged
// renewing accounts for their seats twice over. In the 72 hours before the
// rollback, most renewals were partly refunded and billing tickets about
// the new invoices piled up; the exports carry that spike, so the
// release's watch window shows what caused the rollback.

// incident is the rolled-back release's ship and rollback instants.
type incident struct{ ship, rollback time.Time }

func incidentOf(now time.Time) incident {
	d := now.AddDate(0, 0, -75)
	ship := time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, time.UTC)
	return incident{ship: ship, rollback: ship.Add(70 * time.Hour)}
}

// streamIncident draws the spike, apart from the streams of random.go so
// that the rest of the company stays as it was.
const streamIncident uint64 = 101

// playIncident refunds the overcharge on the renewals charged between the
// release and its rollback: half the amount, within a day.
func (w *world) playIncident() {
	in := incidentOf(w.now)
	if !in.rollback.Before(w.now) {
		return
	}
	r := newRand(streamIncident)
	for _, c := range w.customers {
		for _, s := range c.subs {
			for _, inv := range s.invoices {
				for _, p := range inv.payments {
					if !p.succeeded() || p.refunded > 0 || p.created.Before(in.ship) || !p.created.Before(in.rollback) || !chance(r, 0.8) {
						continue
					}
					at := minTime(p.created.Add(jitter(r, 2*time.Hour, 20*time.Hour)), in.rollback.Add(-time.Hour))
					p.refunded, p.refundedAt = roundCents(float64(p.amount)/2), at
					p.convRefunded = p.refunded
					if c.eur {
						p.convRefunded = roundCents(float64(p.refunded) * eurUSD(p.created))
					}
				}
			}
		}
	}
}

// What the accounts wrote about the new invoices.
var incidentTopics = []topic{
	{"billing", "Billing", "Problem", []subject{
		{"Our invoice shows every seat twice", "invoices"},
		{"Charged double after the renewal", "invoices"},
		{"Refund for the overcharge, please", "refunds"},
		{"Usage line on the invoice does not match our plan", "invoices"},
	}},
	{"bug", "Engineering", "Incident", []subject{
		{"New invoice PDF counts seats wrong", "invoices"},
		{"Proration amount is negative on our invoice", "invoices"},
	}},
	{"how_to", "Support", "Question", []subject{
		{"How do I read the new usage invoice?", "invoices"},
	}},
}

// incidentTickets are the tickets of the spike: 55 from accounts paying at
// the time, between the release and its rollback.
func (w *world) incidentTickets() []ticket {
	in := incidentOf(w.now)
	if !in.rollback.Before(w.now) {
		return nil
	}
	r := newRand(streamIncident + 1)
	var paying []*customer
	for _, c := range w.customers {
		if l := c.activeLabel(in.ship); l != "" && l != "Trial" && l != "-" && len(c.people) > 0 {
			paying = append(paying, c)
		}
	}
	if len(paying) == 0 {
		return nil
	}
	var ts []ticket
	for range 55 {
		c := pick(r, paying)
		at := in.ship.Add(jitter(r, time.Hour, in.rollback.Sub(in.ship)))
		tp := incidentTopics[weighted(r, 60, 30, 10)]
		ts = append(ts, ticket{requester: billingContact(r, c, at), created: at, topic: tp, subject: pick(r, tp.subjects), plan: planField(c, at)})
	}
	slices.SortStableFunc(ts, func(a, b ticket) int { return a.created.Compare(b.created) })
	return ts
}
