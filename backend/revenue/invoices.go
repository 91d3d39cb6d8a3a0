package revenue

import (
	"time"

	"keel/backend/workspace"
)

// invoiceIDs fills the ids of the invoices that set a step.
func invoiceIDs(db *workspace.DB, tls []*timeline) (map[int64]string, error) {
	var want []int64
	for _, t := range tls {
		for _, s := range t.steps {
			if s.inv != 0 {
				want = append(want, s.inv)
			}
		}
	}
	details, err := db.InvoicesByRowid(want)
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]string, len(details))
	for rowid, d := range details {
		ids[rowid] = d.ID
	}
	return ids, nil
}

// fromInvoices builds the timelines of the subscriptions that have
// invoices: each invoice sets the MRR from its start until the next one or
// the subscription's end. Before its first invoice the MRR is 0 even if the
// export says it started earlier: one source sets a subscription's MRR, so
// that its timeline can be explained invoice by invoice.
func fromInvoices(db *workspace.DB, invs map[string][]invoice, subs map[string]*subRow, rule string, list bool) ([]*timeline, error) {
	var orphans []string // subscriptions known only from their invoices
	var out []*timeline
	for id := range invs {
		if _, ok := subs[id]; !ok {
			orphans = append(orphans, id)
		}
	}
	extra, err := orphanRows(db, invs, orphans)
	if err != nil {
		return nil, err
	}
	for id, ins := range invs {
		s, known := subs[id]
		if !known {
			s = extra[id]
		}
		t := s.timeline(FromInvoices)
		out = append(out, t)
		if !counts(s.status) {
			t.steps = notCounted(s)
			continue
		}
		raw := make([]step, len(ins))
		for i, in := range ins {
			mrr := monthly(in.amount, s.interval, s.count)
			if list && known {
				mrr = s.listMRR()
			}
			raw[i] = step{from: in.start, mrr: max(mrr, 0), why: "invoice", inv: in.rowid, count: int(in.count)}
		}
		// A canceled subscription without any end date ran until the
		// period of its last invoice ran out.
		paidThrough := addInterval(ins[len(ins)-1].lastStart, s.interval, s.count)
		t.steps = shape(raw, s.window(rule, paidThrough))
	}
	return out, nil
}

// orphanRows describes the subscriptions that only invoices know: customer
// and currency from their invoices, the interval from the first invoice's
// period (else the gap to the second invoice, else a month), and an end at
// the last invoice's period end, since nothing says it was renewed.
func orphanRows(db *workspace.DB, invs map[string][]invoice, ids []string) (map[string]*subRow, error) {
	out := map[string]*subRow{}
	if len(ids) == 0 {
		return out, nil
	}
	var want []int64
	for _, id := range ids {
		l := invs[id]
		want = append(want, l[0].rowid, l[len(l)-1].lastRowid)
	}
	details, err := db.InvoicesByRowid(want)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		l := invs[id]
		first, last := details[l[0].rowid], details[l[len(l)-1].lastRowid]
		s := &subRow{source: first.Source, id: first.Subscription, customer: first.Customer, email: first.Email, currency: first.Currency, start: l[0].start}
		span := int64(0)
		if first.PeriodStart != nil && first.PeriodEnd != nil {
			span = *first.PeriodEnd - *first.PeriodStart
		} else if l[0].count > 1 || len(l) > 1 {
			span = firstGap(l)
		}
		s.interval, s.count = guessInterval(span)
		end := l[len(l)-1].lastStart
		s.periodEnd = addInterval(end, s.interval, s.count)
		if last.PeriodEnd != nil && *last.PeriodEnd > end {
			s.periodEnd = *last.PeriodEnd
		}
		s.endedAt = s.periodEnd // nothing says it was renewed after that
		out[id] = s
	}
	return out, nil
}

// firstGap is the time between the first two invoices: within the first
// run when it has several, else to the second run.
func firstGap(l []invoice) int64 {
	if l[0].count > 1 {
		return (l[0].lastStart - l[0].start) / (l[0].count - 1)
	}
	return l[1].start - l[0].start
}

// guessInterval reads a billing period's length in seconds as an interval.
func guessInterval(span int64) (string, int64) {
	days := float64(span) / 86400
	switch {
	case days <= 0:
		return "month", 1
	case days < 2:
		return "day", 1
	case days < 10:
		return "week", 1
	case days < 20:
		return "week", 2
	case days < 350:
		return "month", max(1, int64(days/30.4375+0.5))
	default:
		return "year", max(1, int64(days/365.25+0.5))
	}
}

// addInterval is sec plus count intervals, on the UTC calendar as Stripe bills.
func addInterval(sec int64, interval string, count int64) int64 {
	if count <= 0 {
		count = 1
	}
	t := time.Unix(sec, 0).UTC()
	k := int(count)
	switch interval {
	case "year":
		t = t.AddDate(k, 0, 0)
	case "week":
		t = t.AddDate(0, 0, 7*k)
	case "day":
		t = t.AddDate(0, 0, k)
	default:
		t = t.AddDate(0, k, 0)
	}
	return t.Unix()
}
