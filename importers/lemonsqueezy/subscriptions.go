package lemonsqueezy

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(subscriptions{}) }

// subscriptions reads a subscriptions export (the API's subscription
// object as columns: id, customer_id, product_name, variant_name,
// user_email, status, renews_at, ends_at, trial_ends_at, created_at, …)
// into Subscriptions.
//
// Lemon Squeezy's subscription object has no price: Amount and Interval
// come from price columns when the file has them ("price" or "unit_price"
// in cents, "price_formatted" / "Price" like "$9.00/month" in major units,
// "interval" or "renewal_interval_unit" with "interval_count" or
// "renewal_interval_quantity"), else Amount is 0 and Interval empty (the
// subscription is kept; its MRR then comes from orders or invoices).
//
// Status mapping (the raw status is kept in Attrs["status"]): on_trial ->
// trialing; active, past_due, unpaid, paused as they are; cancelled ->
// active with CancelAtPeriodEnd (Lemon Squeezy's "cancelled" is a grace
// period that runs until ends_at, which becomes CurrentPeriodEnd); expired
// -> canceled with EndedAt = ends_at.
type subscriptions struct{}

func (subscriptions) Source() string { return source }
func (subscriptions) Kind() string   { return "subscriptions" }
func (subscriptions) Label() string  { return "Lemon Squeezy subscriptions" }

// subBilling are the columns that make a file a billing subscriptions
// export rather than the e-mail subscribers list.
var subBilling = []string{"renews_at", "ends_at", "trial_ends_at", "billing_anchor", "product_name", "variant_name",
	"variant_id", "product_id", "order_item_id", "first_subscription_item.price_id", "card_brand"}

func (subscriptions) Detect(hh *csvfile.Header) float64 {
	h := newHeader(hh)
	if !h.has("id", "identifier", "subscription_id") || !h.has("status") || !h.has("user_email", "email", "customer_id") {
		return 0
	}
	switch n := h.count(subBilling...); {
	case n >= 3 && h.has("renews_at", "ends_at"):
		return 0.95
	case n >= 2:
		return 0.9
	}
	return 0
}

func (subscriptions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		id         = h.find("id", "subscription_id", "identifier")
		customerID = h.find("customer_id")
		email      = h.find("user_email", "email", "Email")
		status     = h.find("status", "Status")
		product    = h.find("product_name", "Product")
		variant    = h.find("variant_name", "Variant")
		variantID  = h.find("first_subscription_item.price_id", "price_id", "variant_id")
		quantity   = h.find("first_subscription_item.quantity", "quantity", "Quantity")
		currency   = h.find("currency", "Currency")
		price      = h.findMoney("price", "unit_price", "first_subscription_item.unit_price", "Price", "price_formatted")
		interval   = h.find("interval", "renewal_interval_unit", "billing_interval", "Interval")
		count      = h.find("interval_count", "renewal_interval_quantity", "billing_interval_count", "Interval Count")
		created    = h.find("created_at", "Created At")
		renews     = h.find("renews_at", "Renews At")
		ends       = h.find("ends_at", "Ends At")
		trialEnds  = h.find("trial_ends_at", "Trial Ends At")
		cancelled  = h.find("cancelled")
		test       = h.find("test_mode", "Test Mode")
		meta       = h.attrColumns([]string{"custom_data", "meta.custom_data"}, "order_id", "store_id", "user_name",
			"name", "status_formatted", "billing_anchor", "card_brand", "pause.mode", "pause.resumes_at")
	)
	if err := checkRequired("Lemon Squeezy subscriptions", requirement{id}, requirement{status}, requirement{customerID, email}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		raw := normStatus(f.required(status))
		s := &backend.Subscription{
			Source:        source,
			ID:            f.required(id),
			CustomerID:    f.str(customerID),
			CustomerEmail: f.str(email),
			Status:        raw,
			Plan:          f.str(variantID),
			Product:       itemName(f.str(product), f.str(variant)),
			Quantity:      f.integer(quantity, 1),
			Created:       f.time(created),
			Test:          f.flag(test),
			Attrs:         attrs(row, meta),
		}
		s.Start = s.Created
		setAttr(&s.Attrs, "status", raw)
		renewsAt, endsAt, trialEnd := f.time(renews), f.time(ends), f.time(trialEnds)
		s.CurrentPeriodEnd = renewsAt
		switch raw {
		case "on_trial":
			s.Status = "trialing"
			s.TrialStart, s.TrialEnd = s.Created, trialEnd
		case "cancelled":
			s.Status = "active"
			s.CancelAtPeriodEnd = true
			if endsAt != nil {
				s.CurrentPeriodEnd = endsAt
			}
		case "expired":
			s.Status = "canceled"
			s.EndedAt = endsAt
		}
		if f.str(cancelled) != "" && f.flag(cancelled) && raw != "expired" {
			s.CancelAtPeriodEnd = true
		}
		if s.Quantity < 0 {
			f.fail("%s %q is negative", quantity.Name, f.str(quantity))
		}
		s.Interval, s.IntervalCount = f.interval(interval, count)
		if text := f.str(price); text != "" {
			amountText, per := splitPer(text)
			if per != "" && s.Interval == "" {
				u, n, ok := parseInterval(per)
				if !ok {
					f.fail("%s %q does not say per day, week, month or year", price.Name, text)
				}
				s.Interval, s.IntervalCount = u, n
			}
			// Without a currency column the price's currency is unknown
			// ("$" is also CAD, AUD, …): the text is kept, the amount is not.
			if !currency.ok() {
				setAttr(&s.Attrs, "price", text)
			} else if cur, exp, ok := f.currency(currency, true); ok {
				s.Currency = cur
				if v := f.amountOf(price, amountText, exp); v != nil {
					s.Amount = *v
				}
			}
		}
		if f.err != nil {
			return nil, f.err
		}
		return s, nil
	}, nil
}

// splitPer splits "$9.00/month", "$9.00 / month" or "9.00 per 3 months"
// into the amount and the period ("" when there is none).
func splitPer(s string) (amount, per string) {
	if a, p, ok := strings.Cut(s, "/"); ok {
		return strings.TrimSpace(a), strings.TrimSpace(p)
	}
	if a, p, ok := strings.Cut(strings.ToLower(s), " per "); ok {
		return strings.TrimSpace(s[:len(a)]), strings.TrimSpace(p)
	}
	return s, ""
}
