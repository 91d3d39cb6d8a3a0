package chargebee

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(customers{}) }

// customers reads Customers.csv: id, email, first and last name, company,
// created_at and preferred currency; the company, the auto-collection
// setting and custom fields are kept in Attrs. Name is "First Last", or
// the company when both are empty.
type customers struct{}

func (customers) Source() string { return source }
func (customers) Kind() string   { return "customers" }
func (customers) Label() string  { return "Chargebee customers" }

var cusID = also(api("customers", "id"), "Customer Id")

func (customers) Detect(hh *csvfile.Header) float64 {
	h := newHeader(hh)
	if otherObjects(h, "customers") || h.has("subscriptions.id") {
		return 0
	}
	if h.has("customers.id") && h.has("customers.email", "customers.first_name", "customers.created_at") {
		return 0.95
	}
	if !h.has("Customer Id", "id") || !h.has("email") || !h.has("first_name", "last_name") {
		return 0
	}
	if h.count("auto_collection", "net_term_days", "card_status", "allow_direct_debit", "taxability",
		"preferred_currency_code", "billing_address.first_name", "billing_address_first_name", "Billing Address First Name",
		"pii_cleared", "billing_date_mode") > 0 {
		return 0.9
	}
	return 0
}

func (customers) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		id       = h.find(cusID...)
		email    = h.find(also(api("customers", "email"), "Email")...)
		first    = h.find(also(api("customers", "first_name"), "First Name")...)
		last     = h.find(also(api("customers", "last_name"), "Last Name")...)
		company  = h.find(also(api("customers", "company"), "Company")...)
		created  = h.find(also(api("customers", "created_at"), "Created At")...)
		currency = h.find(also(api("customers", "preferred_currency_code"), "Preferred Currency Code", "Currency Code")...)
		meta     = customColumns(h, "customers", also(api("customers", "auto_collection", "net_term_days", "phone",
			"deleted", "billing_address.country"), "Auto Collection", "Card Status", "Billing Address Country")...)
	)
	if err := checkRequired("Chargebee customers", requirement{id}); err != nil {
		return nil, err
	}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, loc: opt.Location}
		c := &backend.Customer{
			Source:  source,
			ID:      f.required(id),
			Email:   f.str(email),
			Name:    strings.TrimSpace(f.str(first) + " " + f.str(last)),
			Created: f.time(created),
			Attrs:   attrs(row, meta),
		}
		if co := f.str(company); co != "" {
			setAttr(&c.Attrs, "company", co)
			if c.Name == "" {
				c.Name = co
			}
		}
		if cur := f.str(currency); cur != "" {
			if _, _, ok := f.currency(currency, false); ok {
				c.Currency = strings.ToLower(cur)
			}
		}
		if f.err != nil {
			return nil, f.err
		}
		return c, nil
	}, nil
}
