package lemonsqueezy

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
		{"orders API columns", "id,identifier,order_number,store_id,customer_id,user_name,user_email,currency,currency_rate,subtotal,tax,total,total_usd,status,status_formatted,refunded,refunded_at,created_at,test_mode",
			map[string]float64{"payments": 0.95}},
		{"orders minimal", "identifier,user_email,currency,total,status,created_at",
			map[string]float64{"payments": 0.9}},
		{"orders bare", "identifier,currency,total,status,created_at", nil},
		{"orders dashboard export", "identifier,order_number,product_name,variant_name,user_name,user_email,city,country,postal_code,card_brand,card_last_four,currency,currency_rate,subtotal,discount_code,discount_total,tax,total,tax_name,tax_rate,tax_number,date_utc",
			map[string]float64{"payments": 0.95}},
		{"orders without status, too few of its columns", "identifier,order_number,currency,total,date_utc,user_email", nil},
		{"payout statement", "Date,Sale,Is Marketplace,Total (USD),Refunds (USD),Tax (USD),Platform Fee (USD),Net Total (USD)",
			map[string]float64{"balance": 0.95}},
		{"payout statement in EUR", "Date,Sale,Total (EUR),Platform Fee (EUR),Net Total (EUR)",
			map[string]float64{"balance": 0.95}},
		{"payout statement without net", "Date,Sale,Total (USD),Platform Fee (USD)", nil},
		{"subscribers export", "identifier,name,email,status,status_formatted,country,country_formatted,email_sends,email_opens,email_clicks,unsubscribed_at,created_at",
			map[string]float64{"customers": 0.95}},
		{"customers API", "id,store_id,name,email,status,status_formatted,city,region,country,mrr,total_revenue_currency,created_at",
			map[string]float64{"customers": 0.95}},
		{"subscribers with billing columns", "identifier,name,email,status,status_formatted,country,product_name,variant_name,renews_at,ends_at,created_at",
			map[string]float64{"subscriptions": 0.95}},
		{"subscriptions API", "id,store_id,customer_id,order_id,product_id,variant_id,product_name,variant_name,user_name,user_email,status,status_formatted,cancelled,trial_ends_at,renews_at,ends_at,created_at",
			map[string]float64{"subscriptions": 0.95}},
		{"subscriptions few columns", "id,user_email,status,product_name,variant_name",
			map[string]float64{"subscriptions": 0.9}},
		{"stripe customers", "id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Currency", nil},
		{"paddle transactions", "id,status,customer_id,customer_email,currency_code,created_at,billed_at,details.totals.total", nil},
	}
	importertest.CheckDetect(t, []importers.Importer{orders{}, subscriptions{}, customers{}, payouts{}}, tests)
}

func TestBindMissing(t *testing.T) {
	tests := []struct{ Kind, Header, Want string }{
		{"payments", "identifier,currency,status,created_at",
			`this is not a Lemon Squeezy orders export: the column "total" is missing`},
		{"payments", "total,status",
			`this is not a Lemon Squeezy orders export: the columns "identifier", "currency" and "created_at" are missing`},
		{"payments", "order_number,currency,Total,status,created_at", ""},
		{"subscriptions", "id,status,product_name",
			`this is not a Lemon Squeezy subscriptions export: the column "customer_id" or "user_email" is missing`},
		{"subscriptions", "id,status,user_email", ""},
		{"customers", "identifier,name", `this is not a Lemon Squeezy subscribers export: the column "email" is missing`},
		{"payments", "identifier,order_number,currency,total,date_utc", ""},
		{"payments", "identifier,order_number,currency,total,created_at",
			`this is not a Lemon Squeezy orders export: the column "status" is missing`},
		{"balance", "Date,Sale,Total (USD)", `this is not a Lemon Squeezy payout statement export: the column "Net Total (USD)" is missing`},
		{"balance", "Date,Sale,Total (XYZ),Net Total (XYZ)", `Total (XYZ) names the currency "XYZ", which Keel does not know`},
	}
	importertest.CheckBind(t, source, tests)
}

// TestHandChecked pins values read by hand from the testdata files.
func TestHandChecked(t *testing.T) {
	_, res := importertest.ImportFile(t, "testdata/payments_orders_api.csv", source, "payments", true)
	by := map[string]*backend.Payment{}
	for _, r := range res.Records {
		p := r.(*backend.Payment)
		by[p.ID] = p
	}
	// total 2261 (EUR cents), total_usd 2453 (USD cents).
	if p := by["7c1f3b0e-2a55-4c87-9a3d-51b8d0e2f6a4"]; p.Amount != 2261 || p.Currency != "eur" || *p.Converted != 2453 ||
		p.ConvertedCurrency != "usd" || p.Description != "Quillstack Pro – Yearly" {
		t.Errorf("EUR order: %+v", p)
	}
	// partial_refund: paid, 1200 of 2400 GBP refunded (760 USD of 3041).
	if p := by["5b8e2f90-14c3-4a6d-b2e8-9f0a7c3d1e25"]; p.Status != "paid" || p.Refunded != 1200 || *p.ConvertedRefunded != 1520 ||
		p.RefundedAt == nil || p.Attrs["status"] != "partial_refund" {
		t.Errorf("partial refund: %+v", p)
	}
	if p := by["a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"]; !p.Test {
		t.Errorf("test order: %+v", p)
	}
	// JPY: 1650 is ¥1,650; its USD value 1089 is in cents.
	if p := by["9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a"]; p.Amount != 1650 || *p.Converted != 1089 {
		t.Errorf("JPY order: %+v", p)
	}

	_, res = importertest.ImportFile(t, "testdata/payments_orders_formatted.csv", source, "payments", true)
	// "€29,00" is read in major units (a _formatted column), and a refunded
	// order without refunded_amount is refunded in full.
	if p := res.Records[0].(*backend.Payment); p.Amount != 2900 || p.Currency != "eur" {
		t.Errorf("formatted: %+v", p)
	}
	if p := res.Records[1].(*backend.Payment); p.Refunded != 4900 || p.Status != "refunded" {
		t.Errorf("refunded: %+v", p)
	}

	_, res = importertest.ImportFile(t, "testdata/subscriptions_api.csv", source, "subscriptions", true)
	subs := map[string]*backend.Subscription{}
	for _, r := range res.Records {
		s := r.(*backend.Subscription)
		subs[s.ID] = s
	}
	if s := subs["448305"]; s.Amount != 9900 || s.Interval != "year" || s.IntervalCount != 1 || s.Currency != "eur" {
		t.Errorf("yearly: %+v", s)
	}
	// "249,00 kr / 3 months": 249.00 SEK every 3 months.
	if s := subs["447960"]; s.Amount != 24900 || s.Interval != "month" || s.IntervalCount != 3 || s.Status != "paused" {
		t.Errorf("quarterly: %+v", s)
	}
	// cancelled = grace period until ends_at; expired = ended.
	if s := subs["448412"]; s.Status != "active" || !s.CancelAtPeriodEnd || s.CurrentPeriodEnd.Format("2006-01-02") != "2025-03-12" {
		t.Errorf("cancelled: %+v", s)
	}
	if s := subs["447100"]; s.Status != "canceled" || s.EndedAt == nil {
		t.Errorf("expired: %+v", s)
	}
	if s := subs["448390"]; s.Status != "trialing" || s.TrialEnd == nil || s.Amount != 1500 {
		t.Errorf("trial: %+v", s)
	}
}

func TestSplitPer(t *testing.T) {
	for in, want := range map[string][2]string{
		"$9.99/month":          {"$9.99", "month"},
		"€99.00 / year":        {"€99.00", "year"},
		"9.00 per 3 months":    {"9.00", "3 months"},
		"249,00 kr / 3 months": {"249,00 kr", "3 months"},
		"$9.99":                {"$9.99", ""},
	} {
		if a, p := splitPer(in); a != want[0] || p != want[1] {
			t.Errorf("splitPer(%q) = %q, %q", in, a, p)
		}
	}
}
