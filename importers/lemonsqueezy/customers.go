package lemonsqueezy

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
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
	h := newHeader(hh)
	if !h.has("identifier", "id") || !h.has("email") || !h.has("status") || !h.has("status_formatted") {
		return 0
	}
	if h.count(subBilling...) > 0 || h.has(orderTotal...) {
		return 0
	}
	switch n := h.count("country_formatted", "email_sends", "email_opens", "email_clicks", "unsubscribed_at",
		"total_revenue_currency", "mrr", "store_id"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (customers) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		id      = h.find("identifier", "id")
		name    = h.find("name", "Name")
		email   = h.find("email", "Email")
		status  = h.find("status")
		created = h.find("created_at", "Created At")
		test    = h.find("test_mode")
		unsub   = h.find("unsubscribed_at")
		meta    = h.attrColumns(nil, "country", "country_formatted", "city", "region", "email_sends", "email_opens",
			"email_clicks", "unsubscribed_at", "mrr", "total_revenue_currency", "store_id")
	)
	if err := checkRequired("Lemon Squeezy subscribers", requirement{id}, requirement{email}); err != nil {
		return nil, err
	}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, loc: opt.Location}
		c := &backend.Customer{
			Source:  source,
			ID:      f.required(id),
			Email:   f.str(email),
			Name:    f.str(name),
			Created: f.time(created),
			Test:    f.flag(test),
			Attrs:   attrs(row, meta),
		}
		setAttr(&c.Attrs, "email_status", normStatus(f.str(status)))
		_ = f.time(unsub) // checked: a bad date rejects the row
		if f.err != nil {
			return nil, f.err
		}
		return c, nil
	}, nil
}
