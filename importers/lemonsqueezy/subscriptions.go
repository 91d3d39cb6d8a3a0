package lemonsqueezy

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
	h := columns.NewHeader(hh)
	if !h.Has("id", "identifier", "subscription_id") || !h.Has("status") || !h.Has("user_email", "email", "customer_id") {
		return 0
	}
	switch n := h.Count(subBilling...); {
	case n >= 3 && h.Has("renews_at", "ends_at"):
		return 0.95
	case n >= 2:
		return 0.9
	}
	return 0
}

func (subscriptions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id         = h.Find("id", "subscription_id", "identifier")
		customerID = h.Find("customer_id")
		email      = h.Find("user_email", "email", "Email")
		status     = h.Find("status", "Status")
		product    = h.Find("product_name", "Product")
		variant    = h.Find("variant_name", "Variant")
		variantID  = h.Find("first_subscription_item.price_id", "price_id", "variant_id")
		quantity   = h.Find("first_subscription_item.quantity", "quantity", "Quantity")
		currency   = h.Find("currency", "Currency")
		price      = h.FindMoney("price", "unit_price", "first_subscription_item.unit_price", "Price", "price_formatted")
		interval   = h.Find("interval", "renewal_interval_unit", "billing_interval", "Interval")
		count      = h.Find("interval_count", "renewal_interval_quantity", "billing_interval_count", "Interval Count")
		created    = h.Find("created_at", "Created At")
		renews     = h.Find("renews_at", "Renews At")
		ends       = h.Find("ends_at", "Ends At")
		trialEnds  = h.Find("trial_ends_at", "Trial Ends At")
		cancelled  = h.Find("cancelled")
		test       = h.Find("test_mode", "Test Mode")
		meta       = h.AttrColumns([]string{"custom_data", "meta.custom_data"}, "order_id", "store_id", "user_name",
			"name", "status_formatted", "billing_anchor", "card_brand", "pause.mode", "pause.resumes_at")
	)
	if err := columns.CheckRequired("Lemon Squeezy subscriptions",
		[]columns.Requirement{{id}, {status}, {customerID, email}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		raw := columns.NormStatus(f.Required(status))
		s := &backend.Subscription{
			Source:        source,
			ID:            f.Required(id),
			CustomerID:    f.Str(customerID),
			CustomerEmail: f.Str(email),
			Status:        raw,
			Plan:          f.Str(variantID),
			Product:       itemName(f.Str(product), f.Str(variant)),
			Quantity:      f.Integer(quantity, 1),
			Created:       f.Time(created),
			Test:          f.Flag(test),
			Attrs:         columns.Attrs(row, meta),
		}
		s.Start = s.Created
		columns.SetAttr(&s.Attrs, "status", raw)
		renewsAt, endsAt, trialEnd := f.Time(renews), f.Time(ends), f.Time(trialEnds)
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
		if f.Str(cancelled) != "" && f.Flag(cancelled) && raw != "expired" {
			s.CancelAtPeriodEnd = true
		}
		if s.Quantity < 0 {
			f.Fail("%s %q is negative", quantity.Name, f.Str(quantity))
		}
		s.Interval, s.IntervalCount = f.Interval(interval, count)
		if text := f.Str(price); text != "" {
			amountText, per := splitPer(text)
			if per != "" && s.Interval == "" {
				u, n, ok := columns.ParseInterval(per)
				if !ok {
					f.Fail("%s %q does not say per day, week, month or year", price.Name, text)
				}
				s.Interval, s.IntervalCount = u, n
			}
			// Without a currency column the price's currency is unknown
			// ("$" is also CAD, AUD, …): the text is kept, the amount is not.
			if !currency.OK() {
				columns.SetAttr(&s.Attrs, "price", text)
			} else if cur, exp, ok := f.Currency(currency, true); ok {
				s.Currency = cur
				if v := f.AmountOf(price, amountText, exp); v != nil {
					s.Amount = *v
				}
			}
		}
		if f.Err != nil {
			return nil, f.Err
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
