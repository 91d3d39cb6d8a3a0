// Package gumroad reads Gumroad's sales export (Sales CSV, written by
// Gumroad's PurchaseExportService) into Payments, one per purchase.
//
// The header is Gumroad's fixed list ("Purchase ID", "Item Name", "Buyer
// Name", "Purchase Email", "Buyer Email", …, "Purchase Date", "Purchase
// Time (UTC timezone)", "Subtotal ($)", "Taxes ($)", "Shipping ($)", "Sale
// Price ($)", "Fees ($)", "Net Total ($)", …, "Refunded?", "Partial Refund
// ($)", "Fully Refunded?", "Disputed?", "Dispute Won?", …, "Recurring
// Charge?", "Free trial purchase?", "Pre-order authorization?", …,
// "Subscription End Date", …) followed by the seller's custom fields, one
// column each. The last row is a "Totals" row (Purchase ID "Totals"), which
// is skipped.
//
// Amounts in "($)" columns are USD in major units (Gumroad pays out in USD
// whatever the buyer's currency); flags are 0/1; times are UTC. Amount is
// "Sale Price ($)" (what the buyer paid for the product), Fee "Fees ($)".
//
// Status: a fully refunded purchase is refunded (Refunded = the sale
// price); a partial refund stays paid with "Partial Refund ($)" in
// Refunded, as Stripe reports them; a pre-order authorization (money only
// authorized, charged later as its own purchase) is pending; a free trial
// purchase (nothing charged) is trialing; anything else is paid. Refund
// dates are not in the export: refunds are dated by the purchase. A
// disputed purchase has DisputedAmount = the sale price and DisputeStatus
// won or lost (the export does not tell an open dispute from a lost one,
// nor when it was opened, so DisputedAt stays empty).
//
// "Recurring Charge?" and the subscription columns, the product, the net
// total and the custom fields are kept in Attrs.
package gumroad

import (
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

const (
	source = "gumroad"
	vendor = "Gumroad"
)

func init() { importers.Register(sales{}) }

type sales struct{}

func (sales) Source() string { return source }
func (sales) Kind() string   { return "payments" }
func (sales) Label() string  { return "Gumroad sales" }

// known are Gumroad's own columns; any other column is a custom field.
var known = []string{
	"Purchase ID", "Item Name", "Buyer Name", "Purchase Email", "Buyer Email", "Do not contact?",
	"Purchase Date", "Purchase Time (UTC timezone)", "Subtotal ($)", "Taxes ($)", "Shipping ($)",
	"Sale Price ($)", "Fees ($)", "Net Total ($)", "Tip ($)", "Tax Included in Price?",
	"Street Address", "City", "Zip Code", "State", "Country", "Referrer", "Refunded?",
	"Partial Refund ($)", "Fully Refunded?", "Disputed?", "Dispute Won?", "Access Revoked?", "Variants",
	"Discount Code", "Recurring Charge?", "Free trial purchase?", "Pre-order authorization?", "Product ID", "Order Number",
	"Pre-order authorization time (UTC timezone)", "Custom Fields", "Item Price ($)",
	"Variants Price ($)", "Giftee Email", "SKU ID", "Quantity", "Recurrence",
	"Affiliate", "Affiliate commission ($)", "Discover?", "Subscription End Date", "Rating", "Review",
	"License Key", "Payment Type", "PayPal Transaction ID", "PayPal Fee Amount", "PayPal Fee Currency",
	"Stripe Transaction ID", "Stripe Fee Amount", "Stripe Fee Currency",
	"Purchasing Power Parity Discounted?", "Upsold?", "Sent Abandoned Cart Email?",
	"UTM Source", "UTM Medium", "UTM Campaign", "UTM Term", "UTM Content",
}

// kept are the known columns copied to Attrs (personal data such as the
// address, the license key and the review is left out).
var kept = []string{
	"Recurring Charge?", "Recurrence", "Subscription End Date", "Free trial purchase?", "Pre-order authorization?",
	"Product ID", "Order Number", "Variants", "Quantity", "Discount Code", "Subtotal ($)", "Taxes ($)", "Shipping ($)",
	"Tip ($)", "Net Total ($)", "Country", "Referrer", "Affiliate commission ($)", "Payment Type",
	"Purchasing Power Parity Discounted?", "Upsold?", "Discover?", "UTM Source", "UTM Medium", "UTM Campaign",
}

func (sales) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if !h.Has("Purchase ID") {
		return 0
	}
	switch {
	case h.Has("Sale Price ($)") && h.Has("Purchase Time (UTC timezone)", "Purchase Date"):
		return 0.95
	case h.Has("Sale Price ($)", "Net Total ($)", "Fees ($)", "Subtotal ($)") && h.Has("Item Name"):
		return 0.9
	case h.Has("Item Name") && h.Has("Purchase Date") && h.Has("Purchase Email", "Buyer Email"):
		return 0.6
	}
	return 0
}

func (sales) Bind(hh *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id         = h.Find("Purchase ID")
		item       = h.Find("Item Name")
		email      = h.Find("Purchase Email", "Buyer Email", "Email")
		date       = h.Find("Purchase Date")
		clock      = h.Find("Purchase Time (UTC timezone)", "Purchase Time")
		price      = h.FindMoney("Sale Price ($)", "Price ($)")
		fee        = h.FindMoney("Fees ($)")
		partial    = h.FindMoney("Partial Refund ($)")
		refunded   = h.Find("Refunded?")
		full       = h.Find("Fully Refunded?")
		disputed   = h.Find("Disputed?")
		won        = h.Find("Dispute Won?")
		preorder   = h.Find("Pre-order authorization?")
		trial      = h.Find("Free trial purchase?")
		stripeTxn  = h.Find("Stripe Transaction ID", "PayPal Transaction ID")
		meta       = h.AttrColumns(nil, kept...)
		knownCanon = map[string]bool{}
	)
	for _, k := range known {
		knownCanon[columns.Canon(k)] = true
	}
	// Custom fields: every column Gumroad does not write itself.
	for i, n := range h.Canon {
		if !knownCanon[n] && h.Names[i] != "" {
			meta = append(meta, columns.Attr{Key: h.Names[i], Index: i})
		}
	}
	if err := columns.CheckRequired("Gumroad sales",
		[]columns.Requirement{{id}, {price}, {date, clock}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: time.UTC, Vendor: vendor}
		rowID := f.Str(id)
		if strings.EqualFold(rowID, "Totals") || rowID == "" && strings.EqualFold(strings.TrimSpace(first(row)), "Totals") {
			return nil, nil
		}
		p := &backend.Payment{
			Source:        source,
			ID:            f.Required(id),
			Currency:      "usd",
			Description:   f.Str(item),
			CustomerEmail: f.Str(email),
			Status:        "paid",
			Attrs:         columns.Attrs(row, meta),
		}
		// Zeros of flags and amounts say nothing; "Recurring Charge?" = 0
		// does (a one-off sale), so it stays.
		for k, v := range p.Attrs {
			if (v == "0" || v == "0.0") && k != "Recurring Charge?" {
				delete(p.Attrs, k)
			}
		}
		p.Created = purchaseTime(f, date, clock)
		p.Amount = f.RequiredAmount(price, 2)
		p.Fee = f.OptAmount(fee, 2)
		switch {
		case f.Flag(full):
			p.Status, p.Refunded = "refunded", p.Amount
		case f.Flag(refunded):
			p.Refunded = f.Amount(partial, 2)
		}
		if p.Refunded > 0 {
			at := p.Created
			p.RefundedAt = &at
		}
		switch {
		case f.Flag(preorder):
			p.Status = "pending"
		case f.Flag(trial):
			p.Status = "trialing"
		}
		if f.Flag(disputed) {
			amt := p.Amount
			p.DisputedAmount, p.DisputeStatus = &amt, "lost"
			if f.Flag(won) {
				p.DisputeStatus = "won"
			}
		}
		p.Captured = p.Status == "paid" || p.Status == "refunded"
		columns.SetAttr(&p.Attrs, "processor_transaction_id", f.Str(stripeTxn))
		if f.Err != nil {
			return nil, f.Err
		}
		p.RowKey = source + ":" + p.ID
		return p, nil
	}, nil
}

func first(row csvfile.Row) string {
	if len(row.Fields) == 0 {
		return ""
	}
	return row.Fields[0]
}

// purchaseTime reads "Purchase Time (UTC timezone)" (Ruby's Time#to_s,
// "2024-03-05 14:03:22 UTC" or "… +0000"), else "Purchase Date" at
// midnight UTC. A bare clock time ("14:03:22") is put on the purchase date.
func purchaseTime(f *columns.Fields, date, clock columns.Column) time.Time {
	c := f.Str(clock)
	if c != "" && strings.Count(c, ":") >= 1 && !strings.ContainsAny(c, "-/.") && len(c) <= 8 {
		d := f.Str(date)
		if d == "" {
			f.Fail("%s is empty", date.Name)
			return time.Time{}
		}
		t, ok, err := csvfile.ParseTime(d+" "+c, time.UTC)
		if err != nil || !ok {
			f.Fail("%s %q and %s %q are not a date and time", date.Name, d, clock.Name, c)
			return time.Time{}
		}
		return t.UTC()
	}
	if c != "" {
		return f.RequiredTime(clock)
	}
	return f.RequiredTime(date)
}
