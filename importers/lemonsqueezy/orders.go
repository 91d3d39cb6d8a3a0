package lemonsqueezy

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(orders{}) }

// orders reads an orders export into Payments: one per order, keyed by
// the order's identifier (a UUID), else its order_number, else its id.
//
// Amount is total (tax included) in the order currency; total_usd, when
// present, is the Converted amount in USD (the order's own rate), and
// refunded_amount / refunded_amount_usd the refunds. Status is Lemon
// Squeezy's: paid, refunded, pending, failed; partial_refund becomes paid
// with the refunded part in Refunded (as Stripe reports partial refunds).
// A refunded order without a refunded_amount column is refunded in full.
// test_mode rows are test payments.
type orders struct{}

func (orders) Source() string { return source }
func (orders) Kind() string   { return "payments" }
func (orders) Label() string  { return "Lemon Squeezy orders" }

var (
	orderID    = []string{"identifier", "order_number", "Order Number", "order_id", "id"}
	orderTotal = []string{"total", "Total", "total_formatted", "Order Total", "Amount"}
)

func (orders) Detect(hh *csvfile.Header) float64 {
	h := newHeader(hh)
	if !h.has("identifier", "order_number") || !h.has("status") || !h.has(orderTotal...) {
		return 0
	}
	if h.has("renews_at", "ends_at", "billing_anchor", "subscription_id") {
		return 0
	}
	switch n := h.count("user_email", "user_name", "currency_rate", "total_usd", "status_formatted", "refunded_at",
		"refunded_amount", "first_order_item.product_name", "tax_name"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (orders) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		identifier = h.find("identifier")
		number     = h.find("order_number", "Order Number")
		id         = h.find(orderID...)
		status     = h.find("status", "Status")
		currency   = h.find("currency", "Currency", "currency_code")
		total      = h.findMoney(orderTotal...)
		totalUSD   = h.findMoney("total_usd", "Total USD", "total_usd_formatted")
		refunded   = h.findMoney("refunded_amount", "Refunded Amount", "refunded_amount_formatted")
		refundUSD  = h.findMoney("refunded_amount_usd", "Refunded Amount USD")
		isRefunded = h.find("refunded")
		refundedAt = h.find("refunded_at", "Refunded At")
		created    = h.find("created_at", "Created At", "Date", "created")
		email      = h.find("user_email", "email", "Email", "Customer Email")
		customerID = h.find("customer_id", "Customer ID")
		product    = h.find("first_order_item.product_name", "product_name", "Product", "Product Name")
		variant    = h.find("first_order_item.variant_name", "variant_name", "Variant", "Variant Name")
		test       = h.find("test_mode", "Test Mode")
		meta       = h.attrColumns([]string{"custom_data", "meta.custom_data"}, "order_number", "user_name", "store_id",
			"subtotal", "discount_total", "tax", "tax_name", "tax_rate", "tax_inclusive", "currency_rate",
			"status_formatted", "first_order_item.variant_id", "first_order_item.product_id")
	)
	if err := checkRequired("Lemon Squeezy orders", requirement{id}, requirement{status}, requirement{currency},
		requirement{total}, requirement{created}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		raw := normStatus(f.required(status))
		p := &backend.Payment{
			Source:        source,
			ID:            f.str(identifier),
			Status:        raw,
			CustomerID:    f.str(customerID),
			CustomerEmail: f.str(email),
			Created:       f.requiredTime(created),
			RefundedAt:    f.time(refundedAt),
			Test:          f.flag(test),
			Attrs:         attrs(row, meta),
		}
		if p.ID == "" {
			p.ID = f.str(number)
		}
		if p.ID == "" {
			p.ID = f.required(id)
		}
		p.Description = itemName(f.str(product), f.str(variant))
		if cur, exp, ok := f.currency(currency, true); ok {
			p.Currency = cur
			p.Amount = f.requiredAmount(total, exp)
			p.Refunded = f.amount(refunded, exp)
		}
		if totalUSD.ok() && f.str(totalUSD) != "" {
			p.ConvertedCurrency = "usd"
			p.Converted = f.optAmount(totalUSD, 2)
			p.ConvertedRefunded = f.optAmount(refundUSD, 2)
		}
		switch raw {
		case "partial_refund", "partially_refunded":
			setAttr(&p.Attrs, "status", raw)
			p.Status = "paid"
		case "refunded":
			if !refunded.ok() {
				p.Refunded = p.Amount
				if p.Converted != nil && !refundUSD.ok() {
					c := *p.Converted
					p.ConvertedRefunded = &c
				}
			}
		}
		if f.str(isRefunded) != "" && f.flag(isRefunded) && p.Status == "paid" && p.Refunded == 0 {
			f.fail("%s is true but the status is %s and no amount is refunded", isRefunded.Name, raw)
		}
		p.Captured = p.Status == "paid" || p.Status == "refunded"
		if f.err != nil {
			return nil, f.err
		}
		p.RowKey = source + ":" + p.ID
		return p, nil
	}, nil
}

// itemName is "Product – Variant", or the product alone when the variant
// is Lemon Squeezy's "Default".
func itemName(product, variant string) string {
	if variant == "" || strings.EqualFold(variant, "default") {
		return product
	}
	if product == "" {
		return variant
	}
	return product + " – " + variant
}
