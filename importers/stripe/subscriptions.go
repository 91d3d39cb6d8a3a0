package stripe

import (
	"strconv"
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
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
	if err := checkRequired("Stripe subscriptions", requirement{id}, requirement{customerID},
		requirement{status}, requirement{amount}, requirement{currency}, requirement{interval}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num}
		s := &backend.Subscription{
			Source:             source,
			ID:                 f.str(id),
			CustomerID:         f.str(customerID),
			CustomerEmail:      f.str(email),
			Status:             normStatus(f.str(status)),
			Plan:               f.str(plan),
			Product:            f.str(product),
			Created:            f.time(created),
			Start:              f.time(start),
			CurrentPeriodStart: f.time(periodStart),
			CurrentPeriodEnd:   f.time(periodEnd),
			TrialStart:         f.time(trialStart),
			TrialEnd:           f.time(trialEnd),
			CanceledAt:         f.time(canceledAt),
			CancelAtPeriodEnd:  f.flag(cancelAtEnd),
			EndedAt:            f.time(endedAt),
			Attrs:              attrs(row, meta),
		}
		if s.ID == "" {
			f.fail("%s is empty", id.Name)
		}
		if s.Status == "" {
			f.fail("%s is empty", status.Name)
		}
		s.Quantity = f.integer(quantity, 1)
		if s.Quantity < 0 {
			f.fail("%s %q is negative", quantity.Name, f.str(quantity))
		}
		if cur, exp, ok := f.currency(currency, true); ok {
			s.Currency = cur
			s.Amount = f.requiredAmount(amount, exp)
		}
		s.Interval, s.IntervalCount = f.interval(interval)
		if n := f.integer(intervalCount, 0); n != 0 {
			if n < 0 {
				f.fail("%s %q is not a positive number", intervalCount.Name, f.str(intervalCount))
			}
			s.IntervalCount = n
		}
		s.Test = test.of(row, s.ID)
		if f.err != nil {
			return nil, f.err
		}
		return s, nil
	}, nil
}

// interval reads an interval ("month", "Monthly", "3 months", "quarterly")
// into a unit (day, week, month, year) and a count.
func (f *fields) interval(c column) (unit string, n int64) {
	s := strings.ToLower(f.str(c))
	if s == "" {
		f.fail("%s is empty", c.Name)
		return "", 0
	}
	n = 1
	words := strings.Fields(strings.TrimPrefix(s, "every "))
	if len(words) == 2 {
		k, err := strconv.ParseInt(words[0], 10, 64)
		if err == nil && k > 0 {
			n, words = k, words[1:]
		}
	}
	if len(words) == 1 {
		switch w := words[0]; w {
		case "day", "days", "daily":
			return "day", n
		case "week", "weeks", "weekly":
			return "week", n
		case "month", "months", "monthly":
			return "month", n
		case "quarter", "quarters", "quarterly":
			return "month", 3 * n
		case "year", "years", "yearly", "annual", "annually":
			return "year", n
		}
	}
	f.fail("%s %q is not day, week, month or year", c.Name, f.str(c))
	return "", 0
}
