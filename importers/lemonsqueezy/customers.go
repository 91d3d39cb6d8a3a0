package lemonsqueezy

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(customers{}) }

// customers reads the subscribers export (Lemon Squeezy's e-mail list:
// identifier, name, email, status, status_formatted, country,
// country_formatted, email_sends, email_opens, email_clicks,
// unsubscribed_at, created_at) and the API's customer objects as columns
// (id, name, email, status, city, region, country, mrr,
// total_revenue_currency, created_at) into Customers.
//
// The status is the e-mail marketing status (subscribed, unsubscribed,
// archived, requires_verification, invalid_email, bounced), kept in
// Attrs["email_status"]; it says nothing about billing.
type customers struct{}

func (customers) Source() string { return source }
func (customers) Kind() string   { return "customers" }
func (customers) Label() string  { return "Lemon Squeezy subscribers" }

func (customers) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if !h.Has("identifier", "id") || !h.Has("email") || !h.Has("status") || !h.Has("status_formatted") {
		return 0
	}
	if h.Count(subBilling...) > 0 || h.Has(orderTotal...) {
		return 0
	}
	switch n := h.Count("country_formatted", "email_sends", "email_opens", "email_clicks", "unsubscribed_at",
		"total_revenue_currency", "mrr", "store_id"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (customers) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id      = h.Find("identifier", "id")
		name    = h.Find("name", "Name")
		email   = h.Find("email", "Email")
		status  = h.Find("status")
		created = h.Find("created_at", "Created At")
		test    = h.Find("test_mode")
		unsub   = h.Find("unsubscribed_at")
		meta    = h.AttrColumns(nil, "country", "country_formatted", "city", "region", "email_sends", "email_opens",
			"email_clicks", "unsubscribed_at", "mrr", "total_revenue_currency", "store_id")
	)
	if err := columns.CheckRequired("Lemon Squeezy subscribers", []columns.Requirement{{id}, {email}}...); err != nil {
		return nil, err
	}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Loc: opt.Location, Vendor: vendor}
		c := &backend.Customer{
			Source:  source,
			ID:      f.Required(id),
			Email:   f.Str(email),
			Name:    f.Str(name),
			Created: f.Time(created),
			Test:    f.Flag(test),
			Attrs:   columns.Attrs(row, meta),
		}
		columns.SetAttr(&c.Attrs, "email_status", columns.NormStatus(f.Str(status)))
		_ = f.Time(unsub) // checked: a bad date rejects the row
		if f.Err != nil {
			return nil, f.Err
		}
		return c, nil
	}, nil
}
