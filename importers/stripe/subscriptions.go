package stripe

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(subscriptions{}) }

// subscriptions reads the Dashboard's Subscriptions export. Its header is
// not confirmed by a real sample (FORMATS.md marks it GUESS), so every
// spelling seen in programs that read it is accepted: `Start (UTC)` or
// `Start Date (UTC)`, with or without `(UTC)`, an optional `Interval Count`
// (else 1), and `Interval` as day/week/month/year (also "monthly",
// "3 months", "quarterly"). Amount is per interval, in major units.
type subscriptions struct{}

func (subscriptions) Source() string { return source }
func (subscriptions) Kind() string   { return "subscriptions" }
func (subscriptions) Label() string  { return "Stripe subscriptions" }

var (
	subCustomer  = []string{"Customer ID", "Customer"}
	subPlan      = []string{"Plan", "Plan ID", "Price ID", "Price"}
	subInterval  = []string{"Interval", "Plan Interval", "Billing Interval"}
	subPeriodEnd = []string{"Current Period End (UTC)", "Current Period End"}
)

func (subscriptions) Detect(h *csvfile.Header) float64 {
	if !has(h, "id", "Subscription ID") || !has(h, subCustomer...) {
		return 0
	}
	if has(h, "Amount Due", "Subtotal", "Delinquent", "Total Spend", "Captured", "Converted Currency") {
		return 0
	}
	periodEnd, plan, interval := has(h, subPeriodEnd...), has(h, subPlan...), has(h, subInterval...)
	switch {
	case periodEnd && (plan || interval):
		return 0.95
	case interval && has(h, "Amount", "Plan Amount") && has(h, "Status"):
		return 0.7
	case periodEnd && has(h, "Status"):
		return 0.5
	}
	return 0
}

func (subscriptions) Bind(h *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	var (
		id            = find(h, "id", "Subscription ID")
		customerID    = find(h, subCustomer...)
		email         = find(h, "Customer Email")
		status        = find(h, "Status")
		plan          = find(h, subPlan...)
		product       = find(h, "Product", "Product ID")
		quantity      = find(h, "Quantity")
		currency      = find(h, "Currency", "Plan Currency")
		interval      = find(h, subInterval...)
		intervalCount = find(h, "Interval Count", "Plan Interval Count", "Billing Interval Count")
		amount        = find(h, "Amount", "Plan Amount", "Price Amount")
		created       = find(h, "Created (UTC)", "Created")
		start         = find(h, "Start (UTC)", "Start Date (UTC)", "Start", "Start Date", "Started At (UTC)")
		periodStart   = find(h, "Current Period Start (UTC)", "Current Period Start")
		periodEnd     = find(h, subPeriodEnd...)
		trialStart    = find(h, "Trial Start (UTC)", "Trial Start")
		trialEnd      = find(h, "Trial End (UTC)", "Trial End")
		canceledAt    = find(h, "Canceled At (UTC)", "Canceled At", "Cancelled At (UTC)", "Cancelled At")
		cancelAtEnd   = find(h, "Cancel At Period End")
		endedAt       = find(h, "Ended At (UTC)", "Ended At", "Ended (UTC)")
		test          = findTestMode(h)
		meta          = metadataColumns(h)
	)
	if err := columns.CheckRequired("Stripe subscriptions",
		[]columns.Requirement{{id}, {customerID}, {status}, {amount}, {currency}, {interval}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		s := &backend.Subscription{
			Source:             source,
			ID:                 f.Str(id),
			CustomerID:         f.Str(customerID),
			CustomerEmail:      f.Str(email),
			Status:             normStatus(f.Str(status)),
			Plan:               f.Str(plan),
			Product:            f.Str(product),
			Created:            f.Time(created),
			Start:              f.Time(start),
			CurrentPeriodStart: f.Time(periodStart),
			CurrentPeriodEnd:   f.Time(periodEnd),
			TrialStart:         f.Time(trialStart),
			TrialEnd:           f.Time(trialEnd),
			CanceledAt:         f.Time(canceledAt),
			CancelAtPeriodEnd:  f.Flag(cancelAtEnd),
			EndedAt:            f.Time(endedAt),
			Attrs:              columns.Attrs(row, meta),
		}
		if s.ID == "" {
			f.Fail("%s is empty", id.Name)
		}
		if s.Status == "" {
			f.Fail("%s is empty", status.Name)
		}
		s.Quantity = f.Integer(quantity, 1)
		if s.Quantity < 0 {
			f.Fail("%s %q is negative", quantity.Name, f.Str(quantity))
		}
		if cur, exp, ok := readCurrency(f, currency, true); ok {
			s.Currency = cur
			s.Amount = f.RequiredAmount(amount, exp)
		}
		s.Interval, s.IntervalCount = requiredInterval(f, interval)
		if n := f.Integer(intervalCount, 0); n != 0 {
			if n < 0 {
				f.Fail("%s %q is not a positive number", intervalCount.Name, f.Str(intervalCount))
			}
			s.IntervalCount = n
		}
		s.Test = test.of(row, s.ID)
		if f.Err != nil {
			return nil, f.Err
		}
		return s, nil
	}, nil
}

// requiredInterval reads an interval ("month", "Monthly", "3 months",
// "quarterly") into a unit (day, week, month, year) and a count; Stripe
// always fills it, so an empty one rejects the row.
func requiredInterval(f *columns.Fields, c columns.Column) (unit string, n int64) {
	if f.Str(c) == "" {
		f.Fail("%s is empty", c.Name)
		return "", 0
	}
	return f.Interval(c, columns.Column{Index: -1})
}
