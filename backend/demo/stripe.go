package demo

import (
	"encoding/csv"
	"slices"
	"strconv"
)

var customersHeader = []string{
	"id", "Description", "Email", "Name", "Created (UTC)", "Delinquent", "Plan",
	"Status", "Cancel At Period End", "Account Balance", "Currency",
	"Total Spend", "Payment Count", "Average Order", "Refunded Volume",
	"Dispute Losses", "Business Vat ID", "plan_tier (metadata)",
}

var subscriptionsHeader = []string{
	"id", "Customer ID", "Customer Name", "Customer Description", "Customer Email",
	"Status", "Cancellation Reason", "Plan", "Product", "Quantity", "Currency",
	"Interval", "Amount", "Created (UTC)", "Start (UTC)",
	"Current Period Start (UTC)", "Current Period End (UTC)", "Trial Start (UTC)",
	"Trial End (UTC)", "Canceled At (UTC)", "Cancel At Period End",
	"Ended At (UTC)", "Coupon", "Tax Percent",
}

var invoicesHeader = []string{
	"id", "Amount Due", "Billing", "Closed", "Currency", "Customer", "Date (UTC)",
	"Due Date (UTC)", "Number", "Paid", "Subscription", "Subtotal",
	"Total Discount Amount", "Applied Coupons", "Tax", "Tax Percent", "Total",
	"Amount Paid", "Status", "Period Start (UTC)", "Period End (UTC)",
	"Customer Email",
}

// paymentsHeader is the Dashboard's default 23 columns, then Mode and the
// dispute columns of the "all columns" set.
var paymentsHeader = []string{
	"id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency", "Captured",
	"Converted Amount", "Converted Amount Refunded", "Converted Currency",
	"Decline Reason", "Description", "Fee", "Refunded date (UTC)",
	"Statement Descriptor", "Status", "Seller Message", "Taxes On Fee", "Card ID",
	"Customer ID", "Customer Description", "Customer Email", "Invoice ID",
	"Transfer", "Mode", "Disputed Amount", "Dispute Date (UTC)", "Dispute Status",
}

const statementDescriptor = "NORTHWIND"

// Stripe lists newest first.
func newestFirst[T any](xs []T, created func(T) int64) {
	slices.SortStableFunc(xs, func(a, b T) int {
		x, y := created(a), created(b)
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	})
}

func (c *customer) description() string {
	if c.partner {
		return "Agency partner"
	}
	return ""
}

// live is the customer's subscription that has not ended, or nil.
func (c *customer) live() *subscription {
	for i := len(c.subs) - 1; i >= 0; i-- {
		if c.subs[i].endedAt.IsZero() {
			return c.subs[i]
		}
	}
	return nil
}

func (w *world) writeCustomers(dir string) (string, error) {
	cs := slices.Clone(w.customers)
	newestFirst(cs, func(c *customer) int64 { return c.created.UnixNano() })
	return writeCSV(dir, fileCustomers, false, customersHeader, func(cw *csv.Writer) error {
		for _, c := range cs {
			var spend, refunded, lost int64
			count := 0
			for _, s := range c.subs {
				for _, inv := range s.invoices {
					for _, p := range inv.payments {
						if p.succeeded() {
							count++
							spend += p.amount
							refunded += p.refunded
							lost += p.disputed
						}
					}
				}
			}
			spend -= refunded + lost
			avg := int64(0)
			if count > 0 {
				avg = roundCents(float64(spend) / float64(count))
			}
			var plan, status, atEnd, tierKey string
			if s := c.live(); s != nil {
				plan = w.prices[priceKey{s.tier, s.annual, c.currency}]
				status = s.status(w.now)
				atEnd = boolText(s.cancelAtPeriodEnd)
			}
			if n := len(c.subs); n > 0 {
				tierKey = plans[c.subs[n-1].tier].key
			}
			err := cw.Write([]string{
				c.id, c.description(), c.email, c.company, stamp(c.created, stripeMinute),
				boolText(status == "past_due"), plan, status, atEnd, "0.00", c.currency,
				money(spend), itoa(count), money(avg), money(refunded), money(lost), c.vatID, tierKey,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *world) subscriptions() []*subscription {
	var ss []*subscription
	for _, c := range w.customers {
		ss = append(ss, c.subs...)
	}
	newestFirst(ss, func(s *subscription) int64 { return s.created.UnixNano() })
	return ss
}

// couponNow is the coupon still discounting the subscription at now.
func (s *subscription) couponNow() string {
	switch {
	case s.coupon == partnerCoupon:
		return s.coupon
	case s.coupon == launchCoupon && s.endedAt.IsZero():
		if s.periods == 0 || s.periods == 1 || !s.annual && s.periods <= 3 {
			return s.coupon
		}
	}
	return ""
}

func taxPercent(pct int) string {
	if pct == 0 {
		return ""
	}
	return strconv.Itoa(pct)
}

func (w *world) writeSubscriptions(dir string) (string, error) {
	return writeCSV(dir, fileSubscriptions, false, subscriptionsHeader, func(cw *csv.Writer) error {
		for _, s := range w.subscriptions() {
			c := s.cust
			interval := "month"
			if s.annual {
				interval = "year"
			}
			status := s.status(w.now)
			reason := ""
			if !s.canceledAt.IsZero() {
				reason = s.reason
			}
			err := cw.Write([]string{
				s.id, c.id, c.company, c.description(), c.email, status, reason,
				w.prices[priceKey{s.tier, s.annual, c.currency}], plans[s.tier].name,
				itoa(s.qty), c.currency, interval, money(price(s.tier, s.annual)),
				stamp(s.created, stripeMinute), stamp(s.created, stripeMinute),
				stamp(s.periodStart, stripeMinute), stamp(s.periodEnd, stripeMinute),
				stamp(s.trialStart, stripeMinute), stamp(s.trialEnd, stripeMinute),
				stamp(s.canceledAt, stripeMinute), boolText(s.cancelAtPeriodEnd),
				stamp(s.endedAt, stripeMinute), s.couponNow(), taxPercent(c.taxPct),
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *world) invoices() []*invoice {
	var is []*invoice
	for _, c := range w.customers {
		for _, s := range c.subs {
			is = append(is, s.invoices...)
		}
	}
	newestFirst(is, func(i *invoice) int64 { return i.date.UnixNano() })
	return is
}

func (w *world) writeInvoices(dir string) (string, error) {
	return writeCSV(dir, fileInvoices, false, invoicesHeader, func(cw *csv.Writer) error {
		for _, inv := range w.invoices() {
			c := inv.sub.cust
			var paid int64
			if inv.paid() {
				paid = inv.total
			}
			tax := ""
			if inv.taxPct > 0 {
				tax = money(inv.tax)
			}
			err := cw.Write([]string{
				inv.id, money(inv.total), "charge_automatically",
				boolText(inv.status == "paid" || inv.status == "uncollectible"),
				c.currency, c.id, stamp(inv.date, stripeMinute), "", inv.number,
				boolText(inv.paid()), inv.sub.id, money(inv.subtotal), money(inv.discount),
				inv.coupon, tax, taxPercent(inv.taxPct), money(inv.total), money(paid),
				inv.status, stamp(inv.periodStart, stripeMinute), stamp(inv.periodEnd, stripeMinute),
				c.email,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *world) payments() []*payment {
	var ps []*payment
	for _, inv := range w.invoices() {
		ps = append(ps, inv.payments...)
	}
	newestFirst(ps, func(p *payment) int64 { return p.created.UnixNano() })
	return ps
}

func (w *world) writePayments(dir string) (string, error) {
	return writeCSV(dir, filePayments, false, paymentsHeader, func(cw *csv.Writer) error {
		for _, p := range w.payments() {
			inv := p.inv
			c := inv.sub.cust
			description := "Subscription update"
			if inv.first {
				description = "Subscription creation"
			}
			descriptor := statementDescriptor
			if c.sepa {
				descriptor = ""
			}
			message := "Payment complete."
			if p.decline != "" {
				message = "The bank returned the decline code `" + p.decline + "`."
			}
			var disputed, disputedAt string
			if p.disputed > 0 {
				disputed, disputedAt = money(p.disputed), stamp(p.disputedAt, stripeSecond)
			}
			err := cw.Write([]string{
				p.id, stamp(p.created, stripeSecond), money(p.amount), money(p.refunded),
				c.currency, boolText(p.succeeded()), money(p.converted), money(p.convRefunded), "usd",
				p.decline, description, money(p.fee), stamp(p.refundedAt, stripeSecond),
				descriptor, p.status, message, "0.00", c.cardID,
				c.id, c.description(), c.email, inv.id, p.transfer,
				"Live", disputed, disputedAt, p.disputeStatus,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
