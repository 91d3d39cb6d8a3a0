package chargebee

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
	h := columns.NewHeader(hh)
	if otherObjects(h, "customers") || h.Has("subscriptions.id") {
		return 0
	}
	if h.Has("customers.id") && h.Has("customers.email", "customers.first_name", "customers.created_at") {
		return 0.95
	}
	if !h.Has("Customer Id", "id") || !h.Has("email") || !h.Has("first_name", "last_name") {
		return 0
	}
	if h.Count("auto_collection", "net_term_days", "card_status", "allow_direct_debit", "taxability",
		"preferred_currency_code", "billing_address.first_name", "billing_address_first_name", "Billing Address First Name",
		"pii_cleared", "billing_date_mode") > 0 {
		return 0.9
	}
	return 0
}

func (customers) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id       = h.Find(cusID...)
		email    = h.Find(also(api("customers", "email"), "Email")...)
		first    = h.Find(also(api("customers", "first_name"), "First Name")...)
		last     = h.Find(also(api("customers", "last_name"), "Last Name")...)
		company  = h.Find(also(api("customers", "company"), "Company")...)
		created  = h.Find(also(api("customers", "created_at"), "Created At")...)
		currency = h.Find(also(api("customers", "preferred_currency_code"), "Preferred Currency Code", "Currency Code")...)
		meta     = customColumns(h, "customers", also(api("customers", "auto_collection", "net_term_days", "phone",
			"deleted", "billing_address.country"), "Auto Collection", "Card Status", "Billing Address Country")...)
	)
	if err := columns.CheckRequired("Chargebee customers", columns.Requirement{id}); err != nil {
		return nil, err
	}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Loc: opt.Location, Vendor: vendor}
		c := &backend.Customer{
			Source:  source,
			ID:      f.Required(id),
			Email:   f.Str(email),
			Name:    strings.TrimSpace(f.Str(first) + " " + f.Str(last)),
			Created: f.Time(created),
			Attrs:   columns.Attrs(row, meta),
		}
		if co := f.Str(company); co != "" {
			columns.SetAttr(&c.Attrs, "company", co)
			if c.Name == "" {
				c.Name = co
			}
		}
		if cur := f.Str(currency); cur != "" {
			if _, _, ok := f.Currency(currency, false); ok {
				c.Currency = strings.ToLower(cur)
			}
		}
		if f.Err != nil {
			return nil, f.Err
		}
		return c, nil
	}, nil
}
