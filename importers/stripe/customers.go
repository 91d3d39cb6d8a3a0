package stripe

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
	if err := columns.CheckRequired("Stripe customers", columns.Requirement{id}); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		c := &backend.Customer{
			Source:      source,
			ID:          f.Str(id),
			Email:       f.Str(email),
			Name:        f.Str(name),
			Description: f.Str(description),
			Created:     f.Time(created),
			Delinquent:  f.Flag(delinquent),
			Attrs:       columns.Attrs(row, meta),
		}
		c.Currency, _, _ = readCurrency(f, currency, false)
		c.Test = test.of(row, c.ID)
		if f.Err != nil {
			return nil, f.Err
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
