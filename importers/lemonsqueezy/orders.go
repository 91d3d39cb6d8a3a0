package lemonsqueezy

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
//
// The dashboard's orders export (identifier, order_number, product_name,
// variant_name, user_name, user_email, …, currency, currency_rate,
// subtotal, discount_code, discount_total, tax, total, tax_name, tax_rate,
// tax_number, date_utc; every field quoted) has no status column: every
// order in it is taken as paid, and said so in the import report. Its
// amounts are integer cents like the API's, and a free order has no total
// at all: a paid order of 0, as Lemon Squeezy records free orders.
//
// Orders migrated from Gumroad have the identifier "<store id>_<Gumroad
// purchase id>"; each is the Gumroad purchase it copies, so it is stored
// under the Gumroad sale's key: importing the Gumroad sales export too
// gives one payment per sale, not two.
type orders struct{}

func (orders) Source() string { return source }
func (orders) Kind() string   { return "payments" }
func (orders) Label() string  { return "Lemon Squeezy orders" }

var (
	orderID    = []string{"identifier", "order_number", "Order Number", "order_id", "id"}
	orderTotal = []string{"total", "Total", "total_formatted", "Order Total", "Amount"}
)

func (orders) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if !h.Has("identifier", "order_number") || !h.Has(orderTotal...) {
		return 0
	}
	if h.Has("renews_at", "ends_at", "billing_anchor", "subscription_id") {
		return 0
	}
	if !h.Has("status") {
		// The dashboard's export: no status, but its own set of columns.
		if h.Has("identifier") && h.Has("order_number") && h.Has("currency") && h.Has("date_utc", "created_at") &&
			h.Count("user_email", "currency_rate", "subtotal", "discount_total", "tax_name", "tax_rate", "card_brand",
				"card_last_four", "variant_name") >= 4 {
			return 0.95
		}
		return 0
	}
	switch n := h.Count("user_email", "user_name", "currency_rate", "total_usd", "status_formatted", "refunded_at",
		"refunded_amount", "first_order_item.product_name", "tax_name"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (orders) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		identifier = h.Find("identifier")
		number     = h.Find("order_number", "Order Number")
		id         = h.Find(orderID...)
		status     = h.Find("status", "Status")
		currency   = h.Find("currency", "Currency", "currency_code")
		total      = h.FindMoney(orderTotal...)
		totalUSD   = h.FindMoney("total_usd", "Total USD", "total_usd_formatted")
		refunded   = h.FindMoney("refunded_amount", "Refunded Amount", "refunded_amount_formatted")
		refundUSD  = h.FindMoney("refunded_amount_usd", "Refunded Amount USD")
		isRefunded = h.Find("refunded")
		refundedAt = h.Find("refunded_at", "Refunded At")
		created    = h.Find("created_at", "date_utc", "Created At", "Date", "created")
		email      = h.Find("user_email", "email", "Email", "Customer Email")
		customerID = h.Find("customer_id", "Customer ID")
		product    = h.Find("first_order_item.product_name", "product_name", "Product", "Product Name")
		variant    = h.Find("first_order_item.variant_name", "variant_name", "Variant", "Variant Name")
		test       = h.Find("test_mode", "Test Mode")
		meta       = h.AttrColumns([]string{"custom_data", "meta.custom_data"}, "order_number", "user_name", "store_id",
			"subtotal", "discount_code", "discount_total", "tax", "tax_name", "tax_rate", "tax_inclusive", "currency_rate",
			"country", "status_formatted", "first_order_item.variant_id", "first_order_item.product_id")
	)
	req := []columns.Requirement{{id}, {currency}, {total}, {created}}
	if h.Has("status") || !h.Has("date_utc") {
		req = append(req, columns.Requirement{status})
	}
	if err := columns.CheckRequired("Lemon Squeezy orders", req...); err != nil {
		return nil, err
	}
	if !status.OK() {
		opt.Notef("The file has no status column (Lemon Squeezy's orders export has none): every order is taken as paid, a free order (no total) as paid 0. Refunds are not in this export; a payout statement lists them.")
	}
	num := &columns.NumberStyle{}
	migrated := false
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		raw := "paid"
		if status.OK() {
			raw = columns.NormStatus(f.Required(status))
		}
		p := &backend.Payment{
			Source:        source,
			ID:            f.Str(identifier),
			Status:        raw,
			CustomerID:    f.Str(customerID),
			CustomerEmail: f.Str(email),
			Created:       f.RequiredTime(created),
			RefundedAt:    f.Time(refundedAt),
			Test:          f.Flag(test),
			Attrs:         columns.Attrs(row, meta),
		}
		if p.ID == "" {
			p.ID = f.Str(number)
		}
		if p.ID == "" {
			p.ID = f.Required(id)
		}
		p.Description = itemName(f.Str(product), f.Str(variant))
		if cur, exp, ok := f.Currency(currency, true); ok {
			p.Currency = cur
			if status.OK() {
				p.Amount = f.RequiredAmount(total, exp)
			} else {
				p.Amount = f.Amount(total, exp) // empty: a free order
			}
			p.Refunded = f.Amount(refunded, exp)
		}
		if totalUSD.OK() && f.Str(totalUSD) != "" {
			p.ConvertedCurrency = "usd"
			p.Converted = f.OptAmount(totalUSD, 2)
			p.ConvertedRefunded = f.OptAmount(refundUSD, 2)
		}
		switch raw {
		case "partial_refund", "partially_refunded":
			columns.SetAttr(&p.Attrs, "status", raw)
			p.Status = "paid"
		case "refunded":
			if !refunded.OK() {
				p.Refunded = p.Amount
				if p.Converted != nil && !refundUSD.OK() {
					c := *p.Converted
					p.ConvertedRefunded = &c
				}
			}
		}
		if f.Str(isRefunded) != "" && f.Flag(isRefunded) && p.Status == "paid" && p.Refunded == 0 {
			f.Fail("%s is true but the status is %s and no amount is refunded", isRefunded.Name, raw)
		}
		p.Captured = p.Status == "paid" || p.Status == "refunded"
		if f.Err != nil {
			return nil, f.Err
		}
		p.RowKey = source + ":" + p.ID
		if g := gumroadID(p.ID); g != "" {
			p.RowKey = "gumroad:" + g
			columns.SetAttr(&p.Attrs, "migrated_from", "gumroad")
			if !migrated {
				migrated = true
				opt.Notef("Orders migrated from Gumroad (identifier %s) are the Gumroad purchases they copy: each is stored as that purchase, so that importing the Gumroad sales export as well counts each sale once.", p.ID)
			}
		}
		return p, nil
	}, nil
}

// gumroadID is the Gumroad purchase id of an order migrated from Gumroad,
// whose identifier is "<store id>_<purchase id>" ("84725_Xv7s9K4v5289aVIyAmNtg=="),
// "" for any other order (a UUID).
func gumroadID(identifier string) string {
	store, id, ok := strings.Cut(identifier, "_")
	if !ok || store == "" || len(id) < 16 || !strings.HasSuffix(id, "==") {
		return ""
	}
	for _, c := range store {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return id
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
