package chargebee

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
	h := columns.NewHeader(hh)
	if otherObjects(h, "subscriptions") {
		return 0
	}
	if h.Has("subscriptions.id") && h.Has("subscriptions.status") {
		return 0.95
	}
	if !h.Has("Subscription Id", "id") || !h.Has("status") || !h.Has("plan_id", "item_price_id") {
		return 0
	}
	switch n := h.Count("current_term_start", "current_term_end", "billing_period_unit", "plan_unit_price", "plan_amount",
		"plan_quantity", "remaining_billing_cycles", "activated_at"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (subscriptions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	sub := func(names ...string) []string { return api("subscriptions", names...) }
	var (
		id          = h.Find(also(sub("id"), "Subscription Id")...)
		customerID  = h.Find(also(sub("customer_id"), "customers.id", "Customer Id")...)
		email       = h.Find("customers.email", "customer_email", "Customer Email")
		status      = h.Find(also(sub("status"), "Status")...)
		plan        = h.Find(also(sub("plan_id", "item_price_id"), "Plan Id")...)
		quantity    = h.Find(also(sub("plan_quantity"), "Plan Quantity")...)
		unitPrice   = h.FindMoney(also(sub("plan_unit_price", "plan_unit_price_in_decimal"), "Plan Unit Price")...)
		planAmount  = h.FindMoney(also(sub("plan_amount"), "Plan Amount")...)
		mrr         = h.FindMoney(also(sub("mrr"), "MRR")...)
		currency    = h.Find(also(sub("currency_code"), "Currency Code", "Currency")...)
		period      = h.Find(also(sub("billing_period"), "Billing Period")...)
		unit        = h.Find(also(sub("billing_period_unit"), "Billing Period Unit")...)
		created     = h.Find(also(sub("created_at"), "Created At")...)
		started     = h.Find(also(sub("started_at", "start_date"), "Started At", "Start Date")...)
		termStart   = h.Find(also(sub("current_term_start"), "Current Term Start")...)
		termEnd     = h.Find(also(sub("current_term_end"), "Current Term End")...)
		trialStart  = h.Find(also(sub("trial_start"), "Trial Start")...)
		trialEnd    = h.Find(also(sub("trial_end"), "Trial End")...)
		cancelledAt = h.Find(also(sub("cancelled_at"), "Cancelled At")...)
		meta        = customColumns(h, "subscriptions", also(sub("cancel_reason", "remaining_billing_cycles", "activated_at",
			"pause_date", "resume_date", "po_number", "auto_collection"), "Cancel Reason")...)
	)
	reqs := []columns.Requirement{{id}, {customerID}, {status}}
	if unitPrice.OK() || planAmount.OK() || mrr.OK() {
		reqs = append(reqs, columns.Requirement{currency})
	}
	if err := columns.CheckRequired("Chargebee subscriptions", reqs...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		raw := columns.NormStatus(f.Required(status))
		s := &backend.Subscription{
			Source:             source,
			ID:                 f.Required(id),
			CustomerID:         f.Required(customerID),
			CustomerEmail:      f.Str(email),
			Status:             raw,
			Plan:               f.Str(plan),
			Quantity:           f.Integer(quantity, 1),
			Created:            f.Time(created),
			Start:              f.Time(started),
			CurrentPeriodStart: f.Time(termStart),
			CurrentPeriodEnd:   f.Time(termEnd),
			TrialStart:         f.Time(trialStart),
			TrialEnd:           f.Time(trialEnd),
			Attrs:              columns.Attrs(row, meta),
		}
		columns.SetAttr(&s.Attrs, "status", raw)
		cancelled := f.Time(cancelledAt)
		switch raw {
		case "in_trial":
			s.Status = "trialing"
		case "non_renewing":
			s.Status = "active"
			s.CancelAtPeriodEnd = true
			if cancelled != nil {
				columns.SetAttr(&s.Attrs, "cancelled_at", cancelled.Format("2006-01-02T15:04:05Z07:00"))
			}
		case "cancelled", "canceled":
			s.Status = "canceled"
			s.CanceledAt, s.EndedAt = cancelled, cancelled
		}
		if s.Quantity < 0 {
			f.Fail("%s %q is negative", quantity.Name, f.Str(quantity))
		}
		s.Interval, s.IntervalCount = f.Interval(unit, period)
		if cur, exp, ok := f.Currency(currency, unitPrice.OK() || planAmount.OK() || mrr.OK()); ok {
			s.Currency = cur
			switch {
			case f.Str(unitPrice) != "":
				s.Amount = f.Amount(unitPrice, exp)
			case f.Str(planAmount) != "":
				total := f.Amount(planAmount, exp)
				s.Amount = total
				if s.Quantity > 1 {
					if total%s.Quantity == 0 {
						s.Amount = total / s.Quantity
					} else {
						s.Quantity = 1
					}
				}
			case f.Str(mrr) != "" && s.Interval == "":
				s.Amount = f.Amount(mrr, exp)
				s.Quantity, s.Interval, s.IntervalCount = 1, "month", 1
				columns.SetAttr(&s.Attrs, "amount_from", "mrr")
			}
		}
		if f.Err != nil {
			return nil, f.Err
		}
		return s, nil
	}, nil
}
