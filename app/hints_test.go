package app

import (
	"testing"

	"keel/backend/figures"
	"keel/backend/review"
)

// Every hint is true of the workspace: a surface of Home's map or a review
// step with no number asks for the import that fills it only when the
// workspace lacks that data (with it, the month is outside what the files
// cover: nothing to import).
func TestSurfaceHintsAreTrueOfTheWorkspace(t *testing.T) {
	none := []review.Number{{Key: "product.signups"}, {Key: "product.activation_rate"}}
	some := []review.Number{{Key: "product.signups", Value: new(float64)}}
	for _, c := range []struct {
		surface string
		ns      []review.Number
		has     figures.Data
		want    *Hint
	}{
		{"users", none, 0, figures.NeedEvents},
		{"users", none, figures.Units | figures.Events, nil}, // events imported: never "import events"
		{"users", some, 0, nil},
		{"operations", none, 0, figures.NeedHelpdesk},
		{"operations", none, figures.Tickets, nil},
		{"revenue", none, 0, figures.NeedBilling},
		{"revenue", none, figures.Invoices, figures.NeedSubscriptions}, // not the invoices it has
		{"revenue", none, figures.Payments, nil},
		{"revenue", none, figures.Billing, nil},
		{"product", none, 0, nil},
	} {
		if got := surfaceMissing(c.surface, c.ns, c.has); got != c.want {
			t.Errorf("%s with %b: %+v, want %+v", c.surface, c.has, got, c.want)
		}
	}
}
