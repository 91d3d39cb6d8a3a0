package lemonsqueezy

import (
	"fmt"
	"regexp"
	"strings"

	"keel/backend"
	"keel/backend/money"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(payouts{}) }

// payouts reads a payout statement (the CSV Lemon Squeezy gives for each
// payout: Date, Sale, Is Marketplace, Total (USD), Refunds (USD), Tax
// (USD), Platform Fee (USD), Net Total (USD)) into balance movements, one
// per line. Amounts are decimal major units of the currency named in the
// headers, signed as exported.
//
// A line is an order ("Order #84725209"), a refund ("Refund - Order
// #84725218": negative refunds, the tax given back positive) or the
// payout's own fee ("Payout fee"). Lemon Squeezy is the merchant of record
// and remits the tax, so Amount is what the line moves before Lemon
// Squeezy's fee, tax left out: Total + Refunds + Tax (122.50 − 24.50 =
// 98.00 for a sale, −100.00 + 17.64 = −82.36 for a refund); Fee is the
// platform fee, positive when charged (8.47); Net is Net Total as exported
// (89.53). The order number is the SourceID, the tax is kept in Attrs.
type payouts struct{}

func (payouts) Source() string { return source }
func (payouts) Kind() string   { return "balance" }
func (payouts) Label() string  { return "Lemon Squeezy payout statement" }

// moneyColumn matches "Total (USD)": a statement's money columns name
// their currency.
var moneyColumn = regexp.MustCompile(`^(Total|Refunds|Tax|Platform Fee|Net Total) \(([A-Za-z]{3})\)$`)

// statement finds a statement's money columns and their currency.
type statement struct {
	date, sale, marketplace       columns.Column
	total, refunds, tax, fee, net columns.Column
	currency                      string
}

func findStatement(hh *csvfile.Header) statement {
	h := columns.NewHeader(hh)
	s := statement{date: h.Find("Date"), sale: h.Find("Sale"), marketplace: h.Find("Is Marketplace"),
		total: none("Total (USD)"), refunds: none("Refunds (USD)"), tax: none("Tax (USD)"),
		fee: none("Platform Fee (USD)"), net: none("Net Total (USD)")}
	for i, n := range h.Names {
		m := moneyColumn.FindStringSubmatch(n)
		if m == nil || s.currency != "" && !strings.EqualFold(m[2], s.currency) {
			continue
		}
		s.currency = strings.ToLower(m[2])
		c := columns.Column{Name: n, Index: i}
		switch m[1] {
		case "Total":
			s.total = c
		case "Refunds":
			s.refunds = c
		case "Tax":
			s.tax = c
		case "Platform Fee":
			s.fee = c
		case "Net Total":
			s.net = c
		}
	}
	return s
}

func none(name string) columns.Column { return columns.Column{Name: name, Index: -1} }

func (payouts) Detect(h *csvfile.Header) float64 {
	s := findStatement(h)
	if s.sale.OK() && s.date.OK() && s.total.OK() && s.net.OK() && s.fee.OK() {
		return 0.95
	}
	return 0
}

func (payouts) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	s := findStatement(h)
	if err := columns.CheckRequired("Lemon Squeezy payout statement",
		[]columns.Requirement{{s.date}, {s.sale}, {s.total}, {s.net}}...); err != nil {
		return nil, err
	}
	exp, ok := money.Exponent(s.currency)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s names the currency %q, which Keel does not know", s.total.Name, strings.ToUpper(s.currency))
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		sale := f.Required(s.sale)
		b := &backend.BalanceTxn{
			Source:      source,
			Currency:    s.currency,
			Created:     f.RequiredTime(s.date),
			Description: sale,
		}
		b.Type, b.SourceID = lineKind(sale)
		total := f.RequiredAmount(s.total, exp)
		refunds := f.Amount(s.refunds, exp)
		tax := f.Amount(s.tax, exp)
		b.Amount = total + refunds + tax
		b.Fee = -f.Amount(s.fee, exp)
		b.Net = f.RequiredAmount(s.net, exp)
		if tax != 0 {
			columns.SetAttr(&b.Attrs, "tax", money.Decimal(tax, exp))
		}
		if strings.EqualFold(f.Str(s.marketplace), "yes") {
			columns.SetAttr(&b.Attrs, "marketplace", "yes")
		}
		if f.Err != nil {
			return nil, f.Err
		}
		b.ID = fmt.Sprintf("%s:%s:%d", b.Type, b.SourceID, b.Created.Unix())
		return b, nil
	}, nil
}

// lineKind reads a statement line's Sale: "Order #84725209" is an order,
// "Refund - Order #84725218" its refund, "Payout fee" the payout's fee;
// anything else keeps its words as its type.
func lineKind(sale string) (typ, order string) {
	lower := strings.ToLower(sale)
	if i := strings.LastIndex(sale, "#"); i >= 0 {
		order = strings.TrimSpace(sale[i+1:])
	}
	switch {
	case strings.HasPrefix(lower, "refund") && order != "":
		return "refund", order
	case strings.HasPrefix(lower, "order") && order != "":
		return "order", order
	}
	return columns.NormStatus(sale), ""
}
