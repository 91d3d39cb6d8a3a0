package stripe

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(customers{}) }

// customers reads the Dashboard's Customers export (unified_customers.csv),
// new and 2023 column orders, with metadata columns. Guest customers (an
// empty id) are kept under "guest:<email>", or a row hash without email.
type customers struct{}

func (customers) Source() string { return source }
func (customers) Kind() string   { return "customers" }
func (customers) Label() string  { return "Stripe customers" }

// customerColumns only the Customers export has.
var customerColumns = []string{"Delinquent", "Account Balance", "Total Spend", "Payment Count",
	"Average Order", "Refunded Volume", "Dispute Losses", "Business Vat ID", "Tax Location Recognized"}

func (customers) Detect(h *csvfile.Header) float64 {
	if !has(h, "id", "Customer ID") || !has(h, "Email", "Name") {
		return 0
	}
	if has(h, "Amount", "Amount Due", "Current Period End (UTC)", "Current Period End") {
		return 0
	}
	switch n := count(h, customerColumns...); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.7
	}
	return 0
}

func (customers) Bind(h *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	var (
		id          = find(h, "id", "Customer ID")
		email       = find(h, "Email")
		name        = find(h, "Name")
		description = find(h, "Description")
		created     = find(h, "Created (UTC)", "Created date (UTC)", "Created")
		currency    = find(h, "Currency")
		delinquent  = find(h, "Delinquent")
		test        = findTestMode(h)
		meta        = metadataColumns(h)
	)
	if err := checkRequired("Stripe customers", requirement{id}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num}
		c := &backend.Customer{
			Source:      source,
			ID:          f.str(id),
			Email:       f.str(email),
			Name:        f.str(name),
			Description: f.str(description),
			Created:     f.time(created),
			Delinquent:  f.flag(delinquent),
			Attrs:       attrs(row, meta),
		}
		c.Currency, _, _ = f.currency(currency, false)
		c.Test = test.of(row, c.ID)
		if f.err != nil {
			return nil, f.err
		}
		if c.ID == "" {
			if c.Email != "" {
				c.ID = "guest:" + strings.ToLower(c.Email)
			} else {
				c.ID = rowHash(row)
			}
		}
		return c, nil
	}, nil
}
