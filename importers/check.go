package importers

import (
	"fmt"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
)

// The checks every record passes before it is stored, whichever importer
// made it: dates in a plausible range, money that is not negative where it
// never is, and within what sums can hold. An importer reads the file as
// its export writes it; these are the rules no export changes.

// Earliest is the first date Keel takes without the founder's
// confirmation: placeholders and typos ("1900-01-01", "0202-11-05") fall
// before it, and no SaaS export reaches back further.
var Earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// MaxAmount is the largest amount, in minor units, a record may hold: ten
// trillion in a two-decimal currency, so that sums over millions of rows
// stay far from int64's limit.
const MaxAmount = 1_000_000_000_000_000

// Window is the dates an import takes: from Earliest to a year after
// today, or any real date when the founder confirmed them (Allow).
type Window struct {
	From, To time.Time
	Allow    bool
}

// NewWindow is the window of an import made today.
func NewWindow(today time.Time, allow bool) Window {
	return Window{From: Earliest, To: today.AddDate(1, 0, 0), Allow: allow}
}

// Check returns why rec cannot be stored, "" when it can. The reason is a
// sentence for the rejected row ("the payment date 1985-06-01 is before
// 1990; …"). Record kinds it does not know pass; a new kind adds its case.
func Check(rec backend.Record, w Window) string {
	c := checker{w: w}
	switch r := rec.(type) {
	case Records:
		for _, x := range r {
			if why := Check(x, w); why != "" {
				return why
			}
		}
		return ""
	case *backend.Payment:
		c.happened("the payment date", &r.Created)
		c.happened("the refund date", r.RefundedAt)
		c.happened("the dispute date", r.DisputedAt)
		const never = "a payment is never negative, its refunds are in their own column"
		c.notNegative(never, r.Currency, r.Amount, r.Refunded)
		c.notNegative(never, r.ConvertedCurrency, deref(r.Converted), deref(r.ConvertedRefunded))
		c.inRange(r.Amount, r.Refunded, deref(r.Converted), deref(r.ConvertedRefunded), deref(r.Fee), deref(r.DisputedAmount))
	case *backend.Customer:
		c.happened("the customer's creation date", r.Created)
	case *backend.Subscription:
		for _, d := range []struct {
			what string
			t    *time.Time
		}{{"the subscription's creation date", r.Created}, {"its start date", r.Start}, {"its period start", r.CurrentPeriodStart},
			{"its trial start", r.TrialStart}, {"its cancellation date", r.CanceledAt}, {"its end date", r.EndedAt}} {
			c.happened(d.what, d.t)
		}
		c.scheduled("its period end", r.CurrentPeriodEnd)
		c.scheduled("its trial end", r.TrialEnd)
		c.notNegative("a subscription's price is never negative", r.Currency, r.Amount)
		c.inRange(r.Amount, r.Quantity)
	case *backend.Invoice:
		c.happened("the invoice date", &r.Date)
		c.scheduled("its period start", r.PeriodStart)
		c.scheduled("its period end", r.PeriodEnd)
		c.inRange(r.Subtotal, r.Discount, r.Tax, r.Total, r.AmountDue, r.AmountPaid)
	case *backend.Ticket:
		c.happened("the ticket's creation date", &r.Created)
		c.happened("its solved date", r.Solved)
	case *backend.Event:
		c.happened("the event time", &r.Time)
	case *backend.BalanceTxn:
		c.happened("the date", &r.Created)
		c.scheduled("the available date", r.AvailableOn)
		c.scheduled("the transfer date", r.TransferDate)
		c.inRange(r.Amount, r.Fee, r.Net, deref(r.CustomerFacingAmount), deref(r.DestinationPlatformFee))
	case *backend.Payout:
		c.happened("the payout date", &r.Created)
		c.scheduled("the arrival date", r.ArrivalDate)
		c.inRange(r.Amount)
	case *backend.Traffic:
		c.happened("the report's first day", r.Start)
		c.happened("the report's last day", r.End)
	}
	return c.why
}

type checker struct {
	w   Window
	why string
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// happened checks the date of something that took place: a real date,
// within the window. A nil date is an empty optional one.
func (c *checker) happened(what string, t *time.Time) {
	if c.why != "" || t == nil {
		return
	}
	switch {
	case t.Year() < 1000: // a zero or placeholder time that slipped through
		c.why = fmt.Sprintf("%s is missing", what)
	case c.w.Allow:
	case t.Before(c.w.From):
		c.why = fmt.Sprintf("%s %s is before %d; %s", what, day(*t), c.w.From.Year(), allow)
	case t.After(c.w.To):
		c.why = fmt.Sprintf("%s %s is more than a year after today; %s", what, day(*t), allow)
	}
}

// scheduled checks a date that may lie in the future (a period's end, a
// payout's arrival): only that it is not an old placeholder.
func (c *checker) scheduled(what string, t *time.Time) {
	if c.why != "" || t == nil {
		return
	}
	switch {
	case t.Year() < 1000:
		c.why = fmt.Sprintf("%s is missing", what)
	case !c.w.Allow && t.Before(c.w.From):
		c.why = fmt.Sprintf("%s %s is before %d; %s", what, day(*t), c.w.From.Year(), allow)
	}
}

const allow = "if it is right, import again allowing old and future dates (keel import --allow-dates)"

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// notNegative checks amounts that are never below zero: a negative one is
// a refund or a reversal the export writes its own way, which its importer
// reads when the export's rules say so; anything else is refused rather
// than taken as money collected.
func (c *checker) notNegative(rule, cur string, vs ...int64) {
	for _, v := range vs {
		if c.why == "" && v < 0 {
			c.why = fmt.Sprintf("the amount is negative (%s): %s", amount(v, cur), rule)
		}
	}
}

func (c *checker) inRange(vs ...int64) {
	for _, v := range vs {
		if c.why == "" && (v > MaxAmount || v < -MaxAmount) {
			c.why = fmt.Sprintf("the amount %d (in cents or the currency's smallest unit) is larger than any Keel stores", v)
		}
	}
}

func amount(v int64, cur string) string {
	exp, ok := money.Exponent(cur)
	if !ok {
		exp = 2
	}
	s := money.Decimal(v, exp)
	if cur != "" {
		s += " " + strings.ToUpper(cur)
	}
	return s
}
