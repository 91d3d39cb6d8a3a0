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
	"Partial Refund ($)", "Fully Refunded?", "Disputed?", "Dispute Won?", "Variants",
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
	h := newHeader(hh)
	if !h.has("Purchase ID") {
		return 0
	}
	switch {
	case h.has("Sale Price ($)") && h.has("Purchase Time (UTC timezone)", "Purchase Date"):
		return 0.95
	case h.has("Sale Price ($)", "Net Total ($)", "Fees ($)", "Subtotal ($)") && h.has("Item Name"):
		return 0.9
	case h.has("Item Name") && h.has("Purchase Date") && h.has("Purchase Email", "Buyer Email"):
		return 0.6
	}
	return 0
}

func (sales) Bind(hh *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		id         = h.find("Purchase ID")
		item       = h.find("Item Name")
		email      = h.find("Purchase Email", "Buyer Email", "Email")
		date       = h.find("Purchase Date")
		clock      = h.find("Purchase Time (UTC timezone)", "Purchase Time")
		price      = h.findMoney("Sale Price ($)", "Price ($)")
		fee        = h.findMoney("Fees ($)")
		partial    = h.findMoney("Partial Refund ($)")
		refunded   = h.find("Refunded?")
		full       = h.find("Fully Refunded?")
		disputed   = h.find("Disputed?")
		won        = h.find("Dispute Won?")
		preorder   = h.find("Pre-order authorization?")
		trial      = h.find("Free trial purchase?")
		stripeTxn  = h.find("Stripe Transaction ID", "PayPal Transaction ID")
		meta       = h.attrColumns(nil, kept...)
		knownCanon = map[string]bool{}
	)
	for _, k := range known {
		knownCanon[canon(k)] = true
	}
	// Custom fields: every column Gumroad does not write itself.
	for i, n := range h.canon {
		if !knownCanon[n] && h.names[i] != "" {
			meta = append(meta, attrColumn{key: h.names[i], i: i})
		}
	}
	if err := checkRequired("Gumroad sales", requirement{id}, requirement{price}, requirement{date, clock}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: time.UTC}
		rowID := f.str(id)
		if strings.EqualFold(rowID, "Totals") || rowID == "" && strings.EqualFold(strings.TrimSpace(first(row)), "Totals") {
			return nil, nil
		}
		p := &backend.Payment{
			Source:        source,
			ID:            f.required(id),
			Currency:      "usd",
			Description:   f.str(item),
			CustomerEmail: f.str(email),
			Status:        "paid",
			Attrs:         attrs(row, meta),
		}
		// Zeros of flags and amounts say nothing; "Recurring Charge?" = 0
		// does (a one-off sale), so it stays.
		for k, v := range p.Attrs {
			if (v == "0" || v == "0.0") && k != "Recurring Charge?" {
				delete(p.Attrs, k)
			}
		}
		p.Created = f.purchaseTime(date, clock)
		p.Amount = f.requiredAmount(price, 2)
		p.Fee = f.optAmount(fee, 2)
		switch {
		case f.flag(full):
			p.Status, p.Refunded = "refunded", p.Amount
		case f.flag(refunded):
			p.Refunded = f.amount(partial, 2)
		}
		if p.Refunded > 0 {
			at := p.Created
			p.RefundedAt = &at
		}
		switch {
		case f.flag(preorder):
			p.Status = "pending"
		case f.flag(trial):
			p.Status = "trialing"
		}
		if f.flag(disputed) {
			amt := p.Amount
			p.DisputedAmount, p.DisputeStatus = &amt, "lost"
			if f.flag(won) {
				p.DisputeStatus = "won"
			}
		}
		p.Captured = p.Status == "paid" || p.Status == "refunded"
		setAttr(&p.Attrs, "processor_transaction_id", f.str(stripeTxn))
		if f.err != nil {
			return nil, f.err
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
func (f *fields) purchaseTime(date, clock column) time.Time {
	c := f.str(clock)
	if c != "" && strings.Count(c, ":") >= 1 && !strings.ContainsAny(c, "-/.") && len(c) <= 8 {
		d := f.str(date)
		if d == "" {
			f.fail("%s is empty", date.Name)
			return time.Time{}
		}
		t, ok, err := csvfile.ParseTime(d+" "+c, time.UTC)
		if err != nil || !ok {
			f.fail("%s %q and %s %q are not a date and time", date.Name, d, clock.Name, c)
			return time.Time{}
		}
		return t.UTC()
	}
	if c != "" {
		if t := f.time(clock); t != nil {
			return *t
		}
		return time.Time{}
	}
	return f.requiredTime(date)
}
