package chargebee

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(subscriptions{}) }

// subscriptions reads Subscriptions.csv into Subscriptions.
//
// Amount and Quantity: plan_unit_price and plan_quantity when the file has
// the unit price; else plan_amount (Chargebee's unit price × quantity)
// divided by the quantity when it divides evenly, otherwise plan_amount
// with Quantity 1. Without any price column but with mrr, Amount is the
// mrr per month (Attrs["amount_from"] = "mrr"). Interval is
// billing_period_unit × billing_period (when the file has them).
//
// Status mapping (the raw status is kept in Attrs["status"]): active;
// in_trial -> trialing; non_renewing -> active with CancelAtPeriodEnd (it
// ends at current_term_end); cancelled -> canceled, with cancelled_at as
// both CanceledAt and EndedAt; paused and future as they are.
type subscriptions struct{}

func (subscriptions) Source() string { return source }
func (subscriptions) Kind() string   { return "subscriptions" }
func (subscriptions) Label() string  { return "Chargebee subscriptions" }

func (subscriptions) Detect(hh *csvfile.Header) float64 {
	h := newHeader(hh)
	if otherObjects(h, "subscriptions") {
		return 0
	}
	if h.has("subscriptions.id") && h.has("subscriptions.status") {
		return 0.95
	}
	if !h.has("Subscription Id", "id") || !h.has("status") || !h.has("plan_id", "item_price_id") {
		return 0
	}
	switch n := h.count("current_term_start", "current_term_end", "billing_period_unit", "plan_unit_price", "plan_amount",
		"plan_quantity", "remaining_billing_cycles", "activated_at"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (subscriptions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	sub := func(names ...string) []string { return api("subscriptions", names...) }
	var (
		id          = h.find(also(sub("id"), "Subscription Id")...)
		customerID  = h.find(also(sub("customer_id"), "customers.id", "Customer Id")...)
		email       = h.find("customers.email", "customer_email", "Customer Email")
		status      = h.find(also(sub("status"), "Status")...)
		plan        = h.find(also(sub("plan_id", "item_price_id"), "Plan Id")...)
		quantity    = h.find(also(sub("plan_quantity"), "Plan Quantity")...)
		unitPrice   = h.findMoney(also(sub("plan_unit_price", "plan_unit_price_in_decimal"), "Plan Unit Price")...)
		planAmount  = h.findMoney(also(sub("plan_amount"), "Plan Amount")...)
		mrr         = h.findMoney(also(sub("mrr"), "MRR")...)
		currency    = h.find(also(sub("currency_code"), "Currency Code", "Currency")...)
		period      = h.find(also(sub("billing_period"), "Billing Period")...)
		unit        = h.find(also(sub("billing_period_unit"), "Billing Period Unit")...)
		created     = h.find(also(sub("created_at"), "Created At")...)
		started     = h.find(also(sub("started_at", "start_date"), "Started At", "Start Date")...)
		termStart   = h.find(also(sub("current_term_start"), "Current Term Start")...)
		termEnd     = h.find(also(sub("current_term_end"), "Current Term End")...)
		trialStart  = h.find(also(sub("trial_start"), "Trial Start")...)
		trialEnd    = h.find(also(sub("trial_end"), "Trial End")...)
		cancelledAt = h.find(also(sub("cancelled_at"), "Cancelled At")...)
		meta        = customColumns(h, "subscriptions", also(sub("cancel_reason", "remaining_billing_cycles", "activated_at",
			"pause_date", "resume_date", "po_number", "auto_collection"), "Cancel Reason")...)
	)
	reqs := []requirement{{id}, {customerID}, {status}}
	if unitPrice.ok() || planAmount.ok() || mrr.ok() {
		reqs = append(reqs, requirement{currency})
	}
	if err := checkRequired("Chargebee subscriptions", reqs...); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		raw := normStatus(f.required(status))
		s := &backend.Subscription{
			Source:             source,
			ID:                 f.required(id),
			CustomerID:         f.required(customerID),
			CustomerEmail:      f.str(email),
			Status:             raw,
			Plan:               f.str(plan),
			Quantity:           f.integer(quantity, 1),
			Created:            f.time(created),
			Start:              f.time(started),
			CurrentPeriodStart: f.time(termStart),
			CurrentPeriodEnd:   f.time(termEnd),
			TrialStart:         f.time(trialStart),
			TrialEnd:           f.time(trialEnd),
			Attrs:              attrs(row, meta),
		}
		setAttr(&s.Attrs, "status", raw)
		cancelled := f.time(cancelledAt)
		switch raw {
		case "in_trial":
			s.Status = "trialing"
		case "non_renewing":
			s.Status = "active"
			s.CancelAtPeriodEnd = true
			if cancelled != nil {
				setAttr(&s.Attrs, "cancelled_at", cancelled.Format("2006-01-02T15:04:05Z07:00"))
			}
		case "cancelled", "canceled":
			s.Status = "canceled"
			s.CanceledAt, s.EndedAt = cancelled, cancelled
		}
		if s.Quantity < 0 {
			f.fail("%s %q is negative", quantity.Name, f.str(quantity))
		}
		s.Interval, s.IntervalCount = f.interval(unit, period)
		if cur, exp, ok := f.currency(currency, unitPrice.ok() || planAmount.ok() || mrr.ok()); ok {
			s.Currency = cur
			switch {
			case f.str(unitPrice) != "":
				s.Amount = f.amount(unitPrice, exp)
			case f.str(planAmount) != "":
				total := f.amount(planAmount, exp)
				s.Amount = total
				if s.Quantity > 1 {
					if total%s.Quantity == 0 {
						s.Amount = total / s.Quantity
					} else {
						s.Quantity = 1
					}
				}
			case f.str(mrr) != "" && s.Interval == "":
				s.Amount = f.amount(mrr, exp)
				s.Quantity, s.Interval, s.IntervalCount = 1, "month", 1
				setAttr(&s.Attrs, "amount_from", "mrr")
			}
		}
		if f.err != nil {
			return nil, f.err
		}
		return s, nil
	}, nil
}
