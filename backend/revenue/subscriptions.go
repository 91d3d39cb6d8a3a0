package revenue

import (
	"keel/backend/workspace"
)

// subRow is a subscription from the subscriptions export; times are unix
// seconds, 0 when absent.
type subRow struct {
	source, id, customer, email, status, plan, product, currency, interval string
	count, quantity, amount                                                int64
	created, start, periodStart, periodEnd                                 int64
	trialStart, trialEnd, canceledAt, endedAt                              int64
	cancelAtPeriodEnd                                                      bool
}

func loadSubscriptions(db *workspace.DB, includeTest bool) ([]*subRow, error) {
	rows, err := db.Subscriptions(includeTest)
	if err != nil {
		return nil, err
	}
	out := make([]*subRow, len(rows))
	for i, r := range rows {
		out[i] = &subRow{source: r.Source, id: r.ID, customer: r.Customer, email: r.Email, status: normStatus(r.Status), plan: r.Plan,
			product: r.Product, currency: r.Currency, interval: r.Interval, count: r.IntervalCount, quantity: r.Quantity,
			amount: r.Amount, created: r.Created, start: r.Start, periodStart: r.PeriodStart, periodEnd: r.PeriodEnd,
			trialStart: r.TrialStart, trialEnd: r.TrialEnd, canceledAt: r.CanceledAt, endedAt: r.EndedAt,
			cancelAtPeriodEnd: r.CancelAtPeriodEnd}
	}
	return out, nil
}

// normStatus maps other billing tools' spellings onto Stripe's statuses.
func normStatus(s string) string {
	switch s {
	case "cancelled":
		return "canceled"
	case "in_trial", "trial":
		return "trialing"
	case "non_renewing":
		return "active" // Chargebee: paying until the term ends
	}
	return s
}

// counts reports whether a status can carry MRR (METRICS.md): active and
// past_due do, canceled does until its end; trialing, incomplete,
// incomplete_expired, unpaid and paused never do, because the export only
// holds the current status and Keel does not guess when it changed.
func counts(status string) bool {
	switch status {
	case "active", "past_due", "canceled", "":
		return true
	}
	return false
}

// begin is when the subscription began: Start, else Created, else the
// current period's start.
func (s *subRow) begin() int64 {
	for _, t := range []int64{s.start, s.created, s.periodStart} {
		if t != 0 {
			return t
		}
	}
	return 0
}

// end applies the churn_timing rule: period_end is Ended At, else Current
// Period End when Cancel At Period End; cancellation is Canceled At. When
// the rule's date is missing the other dates stand in, so that a canceled
// subscription always ends; paidThrough (the last invoice's period end) is
// the last resort.
func (s *subRow) end(rule string, paidThrough int64) int64 {
	canceled := s.status == "canceled"
	var e int64
	if rule == "cancellation" {
		e = s.canceledAt
		if e == 0 {
			e = s.endedAt
		}
		if e == 0 && (s.cancelAtPeriodEnd || canceled) {
			e = s.periodEnd
		}
	} else {
		e = s.endedAt
		if e == 0 && s.cancelAtPeriodEnd {
			e = s.periodEnd
		}
		if e == 0 && canceled {
			e = s.canceledAt
		}
		if e == 0 && canceled {
			e = s.periodEnd
		}
	}
	if e == 0 && canceled {
		e = paidThrough
		if e == 0 {
			e = s.begin() // no date says how long it ran: it never counts
		}
	}
	if e == 0 {
		return noEnd
	}
	return e
}

// window is the subscription's end and trial.
func (s *subRow) window(rule string, paidThrough int64) window {
	w := window{end: s.end(rule, paidThrough)}
	if s.trialStart != 0 && s.trialEnd > s.trialStart {
		w.trialFrom, w.trialTill = s.trialStart, s.trialEnd
	} else if s.trialEnd != 0 && s.trialStart == 0 && s.begin() != 0 && s.trialEnd > s.begin() {
		w.trialFrom, w.trialTill = s.begin(), s.trialEnd
	}
	return w
}

// listMRR is the plan Amount × Quantity normalised to a month.
func (s *subRow) listMRR() int64 {
	return monthly(s.amount*s.quantity, s.interval, s.count)
}

func (s *subRow) planName() string {
	if s.plan != "" {
		return s.plan
	}
	return s.product
}

// fromExport is the timeline of a subscription without invoices: Amount ×
// Quantity over [Start, End).
func (s *subRow) fromExport(rule string) *timeline {
	t := s.timeline(FromSubscriptions)
	if !counts(s.status) {
		t.steps = notCounted(s)
		return t
	}
	if b := s.begin(); b != 0 {
		t.steps = shape([]step{{from: b, mrr: s.listMRR(), why: "subscription"}}, s.window(rule, 0))
	}
	return t
}

// key is the subscription's id qualified by its tool, as customerKey.
func (s *subRow) key() string { return s.source + ":" + s.id }

func (s *subRow) timeline(src Source) *timeline {
	customer := customerKey(s.source, s.customer, s.email)
	if customer == "" {
		customer = "subscription:" + s.key() // its own customer rather than lost MRR
	}
	return &timeline{id: s.key(), customer: customer, email: s.email, plan: s.planName(),
		currency: s.currency, status: s.status, interval: s.interval, count: s.count, source: src}
}

// notCounted is the timeline of a subscription whose status never counts.
func notCounted(s *subRow) []step {
	return []step{{from: s.begin(), why: "status " + s.status}}
}
