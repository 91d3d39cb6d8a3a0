package chargebee

import (
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/internal/importertest"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		Name, Header string
		Want         map[string]float64 // kind -> score; missing kinds score 0
	}{
		{"subscriptions export", "subscriptions.id,subscriptions.customer_id,subscriptions.plan_id,subscriptions.status,subscriptions.plan_amount,customers.id,customers.email",
			map[string]float64{"subscriptions": 0.95}},
		{"subscriptions unprefixed", "id,customer_id,plan_id,status,currency_code,current_term_start,current_term_end",
			map[string]float64{"subscriptions": 0.95}},
		{"subscriptions labels one term column", "Subscription Id,Customer Id,Plan Id,Status,Current Term End",
			map[string]float64{"subscriptions": 0.9}},
		{"customers export", "customers.id,customers.first_name,customers.last_name,customers.email,customers.created_at",
			map[string]float64{"customers": 0.95}},
		{"customers labels", "Customer Id,First Name,Last Name,Email,Company,Auto Collection,Card Status",
			map[string]float64{"customers": 0.9}},
		{"generic people", "Customer Id,First Name,Last Name,Email,Company", nil},
		{"invoices export", "invoices.id,invoices.customer_id,invoices.status,invoices.date,invoices.total,invoices.currency_code",
			map[string]float64{"invoices": 0.95}},
		{"invoices labels", "Invoice Number,Invoice Date,Customer Id,Status,Amount,Currency,Amount Paid,Paid On",
			map[string]float64{"invoices": 0.9}},
		{"transactions export", "transactions.id,transactions.type,transactions.status,transactions.amount,transactions.currency_code,transactions.date",
			map[string]float64{"payments": 0.95}},
		{"transactions labels", "Transaction Id,Type,Status,Amount,Currency,Date,Payment Method,Gateway",
			map[string]float64{"payments": 0.95}},
		{"stripe payouts", "id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),Source Type,Destination,Status,Type,Method,Description", nil},
		{"stripe subscriptions", "id,Customer ID,Customer Name,Customer Email,Status,Plan,Product,Quantity,Currency,Interval,Amount,Created (UTC),Current Period End (UTC)", nil},
		{"stripe invoices", "id,Amount Due,Billing,Closed,Currency,Customer,Date (UTC),Due Date (UTC),Number,Paid,Subscription,Subtotal,Total,Amount Paid,Status", nil},
	}
	importertest.CheckDetect(t, []importers.Importer{customers{}, subscriptions{}, invoices{}, transactions{}}, tests)
}

func TestBindMissing(t *testing.T) {
	tests := []struct{ Kind, Header, Want string }{
		{"subscriptions", "subscriptions.id,subscriptions.status,subscriptions.plan_amount",
			`this is not a Chargebee subscriptions export: the columns "subscriptions.customer_id" and "subscriptions.currency_code" are missing`},
		{"subscriptions", "subscriptions.id,subscriptions.status,customers.id", ""},
		{"customers", "Email,First Name", `this is not a Chargebee customers export: the column "customers.id" is missing`},
		{"invoices", "invoices.id,invoices.status,invoices.currency_code,invoices.total",
			`this is not a Chargebee invoices export: the column "invoices.date" is missing`},
		{"payments", "transactions.id,transactions.type,transactions.status,transactions.amount,transactions.date",
			`this is not a Chargebee transactions export: the column "transactions.currency_code" is missing`},
	}
	importertest.CheckBind(t, source, tests)
}

// TestHandChecked pins values read by hand from the testdata files.
func TestHandChecked(t *testing.T) {
	_, res := importertest.ImportFile(t, "testdata/subscriptions_export.csv", source, "subscriptions", true)
	s := res.Records[0].(*backend.Subscription)
	// "2016-06-03 12:43:50 -0400" is 16:43:50 UTC.
	if s.ID != "1mk51pcRGqvNBL3e" || s.CustomerID != "16BjpnSMnoKvBb2" || s.CustomerEmail != "ada@analytical.example" ||
		s.CurrentPeriodStart.Format("2006-01-02 15:04:05") != "2016-06-03 16:43:50" || s.Amount != 2900 ||
		s.Attrs["cf_sales_rep"] != "Dana" {
		t.Errorf("first subscription: %+v", s)
	}
	// 10 seats at 12.00 a year.
	if s := res.Records[1].(*backend.Subscription); s.Amount != 1200 || s.Quantity != 10 || s.Interval != "year" {
		t.Errorf("seats: %+v", s)
	}
	// Unix seconds 1738368000 is 2025-02-01 00:00 UTC.
	if s := res.Records[4].(*backend.Subscription); s.Status != "canceled" || s.EndedAt.Format("2006-01-02") != "2025-02-01" {
		t.Errorf("cancelled: %+v", s)
	}

	_, res = importertest.ImportFile(t, "testdata/invoices_export.csv", source, "invoices", true)
	// 12000 − 10800 = 1200 of discount, derived.
	if in := res.Records[1].(*backend.Invoice); in.Discount != 1200 || in.Attrs["discount"] != "derived" || !in.Paid {
		t.Errorf("discounted invoice: %+v", in)
	}

	_, res = importertest.ImportFile(t, "testdata/payments_transactions_export.csv", source, "payments", true)
	// 23681 EUR cents at 1.085 = 25693.885 -> 25694 USD cents.
	if p := res.Records[3].(*backend.Payment); p.Amount != 23681 || *p.Converted != 25694 || p.ConvertedCurrency != "usd" {
		t.Errorf("EUR payment: %+v", p)
	}
	// The refund is its own record: nothing collected, 50.00 EUR refunded.
	if p := res.Records[4].(*backend.Payment); p.Amount != 0 || p.Refunded != 5000 || p.Status != "refund" || p.RefundedAt == nil ||
		*p.ConvertedRefunded != 5450 {
		t.Errorf("refund: %+v", p)
	}
	if p := res.Records[2].(*backend.Payment); p.Status != "failed" || p.DeclineReason != "Your card has insufficient funds." {
		t.Errorf("failed: %+v", p)
	}
}
