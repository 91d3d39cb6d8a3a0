package paddle

import (
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
	"keel/importers/internal/importertest"
)

// ownReal names the real exports that are Paddle files: none yet.
var ownReal = map[string]string{}

func TestDetect(t *testing.T) {
	tests := []struct {
		Name, Header string
		Want         map[string]float64 // kind -> score; missing kinds score 0
	}{
		{"transactions report", "id,status,invoice_number,customer_id,customer_email,address_id,subscription_id,created_at,updated_at,billed_at,origin,collection_mode,currency_code,details.totals.subtotal,details.totals.tax,details.totals.total,details.totals.grand_total",
			map[string]float64{"payments": 0.95}},
		{"transactions one Paddle column", "id,status,customer_id,created_at,billed_at,currency_code,total",
			map[string]float64{"payments": 0.9}},
		{"transactions without total", "id,status,customer_id,created_at,billed_at,currency_code",
			map[string]float64{"payments": 0.6}},
		{"transactions dashboard spelling", "Transaction ID,Status,Customer ID,Currency Code,Created At,Billed At,Collection Mode,Grand Total",
			map[string]float64{"payments": 0.95}},
		{"transaction line items", "transaction_id,status,customer_id,id,product_id,price_id,quantity,currency_code,billed_at,details.totals.total", nil},
		{"subscriptions", "id,status,customer_id,currency_code,created_at,billing_cycle.interval,billing_cycle.frequency,current_billing_period.starts_at,current_billing_period.ends_at,items[0].price.unit_price.amount",
			map[string]float64{"subscriptions": 0.95}},
		{"subscriptions flattened with underscores", "id,status,customer_id,currency_code,billing_cycle_interval,billing_cycle_frequency,unit_price_amount",
			map[string]float64{"subscriptions": 0.9}},
		{"stripe payments", "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Status,Customer ID,Customer Email", nil},
		{"stripe balance", "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description", nil},
		{"lemon squeezy orders", "id,identifier,order_number,user_name,user_email,currency,total,status,created_at", nil},
	}
	importertest.CheckDetect(t, []importers.Importer{transactions{}, subscriptions{}}, tests)
}

func TestBindMissing(t *testing.T) {
	tests := []struct{ Kind, Header, Want string }{
		{"payments", "id,status,created_at,currency_code",
			`this is not a Paddle transactions export: the column "details.totals.grand_total" is missing`},
		{"payments", "id,status,total",
			`this is not a Paddle transactions export: the columns "currency_code" and "created_at" or "billed_at" are missing`},
		{"payments", "id,status,billed_at,currency_code,Grand Total", ""},
		{"subscriptions", "id,status,currency_code,billing_cycle.interval",
			`this is not a Paddle subscriptions export: the column "items[0].price.unit_price.amount" is missing`},
		{"subscriptions", "id,status,currency_code,items[0].price.unit_price.amount",
			`this is not a Paddle subscriptions export: the column "billing_cycle.interval" is missing`},
		{"subscriptions", "id,status,currency_code,billing_cycle.interval,price_id", ""},
	}
	importertest.CheckBind(t, source, tests)
}

func TestTxnStatus(t *testing.T) {
	tests := []struct{ status, collection, want string }{
		{"completed", "automatic", "paid"},
		{"paid", "", "paid"},
		{"billed", "manual", "pending"},
		{"past_due", "automatic", "failed"},
		{"past_due", "", "failed"},
		{"past_due", "manual", "pending"},
		{"draft", "automatic", "incomplete"},
		{"ready", "automatic", "incomplete"},
		{"canceled", "manual", "canceled"},
	}
	for _, tt := range tests {
		if got := txnStatus(tt.status, tt.collection); got != tt.want {
			t.Errorf("txnStatus(%q, %q) = %q, want %q", tt.status, tt.collection, got, tt.want)
		}
	}
}

// TestHandChecked pins values read by hand from the testdata files, so
// that a wrong golden cannot pass unnoticed.
func TestHandChecked(t *testing.T) {
	_, res := importertest.ImportFile(t, "testdata/payments_report.csv", source, "payments", true)
	byID := map[string]*backend.Payment{}
	for _, r := range res.Records {
		p := r.(*backend.Payment)
		byID[p.ID] = p
	}
	// Row 2: EUR, total 5831 minus a 1000 credit: grand_total 4831 is
	// what was charged; billed_at is the date.
	p := byID["txn_01hvaq3m5yq7n0r4fdd1w3e1ad"]
	if p == nil || p.Amount != 4831 || p.Currency != "eur" || p.Status != "paid" || *p.Fee != 292 ||
		p.Created.Format("2006-01-02T15:04:05.000Z07:00") != "2025-03-04T08:03:35.870Z" {
		t.Errorf("EUR row: %+v", p)
	}
	// JPY has no minor unit: 4752 is ¥4,752.
	if p := byID["txn_01hvf1m2n3p4q5r6s7t8v9w0x1"]; p == nil || p.Amount != 4752 || p.Currency != "jpy" {
		t.Errorf("JPY row: %+v", p)
	}
	// A manual invoice past its terms is pending, an automatic one failed.
	if byID["txn_01hvg7q8r9s0t1u2v3w4x5y6z7"].Status != "pending" || byID["txn_01hvc2b7j0h3m4d9ws1a0qjz5e"].Status != "failed" {
		t.Error("past_due mapping")
	}

	_, res = importertest.ImportFile(t, "testdata/payments_dashboard.csv", source, "payments", true)
	// "1 862,50" NOK with a decimal comma; payout 172.16 USD with a 9.12 fee.
	p = res.Records[0].(*backend.Payment)
	if p.Amount != 186250 || p.Currency != "nok" || *p.Converted != 17216 || p.ConvertedCurrency != "usd" || *p.Fee != 912 || p.Refunded != 0 {
		t.Errorf("NOK row: %+v", p)
	}
	// 34.80 adjusted to 17.40: half refunded, still paid.
	if p := res.Records[1].(*backend.Payment); p.Refunded != 1740 || p.Status != "paid" {
		t.Errorf("partial refund: %+v", p)
	}
	if p := res.Records[2].(*backend.Payment); p.Refunded != 5831 || p.Status != "refunded" {
		t.Errorf("full refund: %+v", p)
	}

	_, res = importertest.ImportFile(t, "testdata/subscriptions_items.csv", source, "subscriptions", true)
	subs := map[string]*backend.Subscription{}
	for _, r := range res.Records {
		s := r.(*backend.Subscription)
		subs[s.ID] = s
	}
	// 5 seats at 12.00 + one 99.00 add-on = 159.00 a year.
	if s := subs["sub_01hvaq4a4h8m2yy7vgq4c9n1sb"]; s.Amount != 15900 || s.Quantity != 1 || s.Interval != "year" || s.IntervalCount != 1 ||
		s.Plan != "pri_01hv9r4z3a1m7khs7d7xrmy9b6,pri_01hv9r5b6c7d8e9f0g1h2j3k4m" {
		t.Errorf("two items: %+v", s)
	}
	// The one-time setup fee (recurring=false) is not part of the plan.
	if s := subs["sub_01hvg2h3j4k5m6n7p8q9r0s1t2"]; s.Amount != 2900 || s.Quantity != 1 || s.Plan != "pri_01gsz8x8sawmvhz1pv30nge1ke" {
		t.Errorf("setup fee: %+v", s)
	}
	if s := subs["sub_01hvc8d9e0f1g2h3j4k5m6n7p8"]; !s.CancelAtPeriodEnd || s.Status != "active" {
		t.Errorf("scheduled cancel: %+v", s)
	}
	if s := subs["sub_01hvd9e0f1g2h3j4k5m6n7p8q9"]; s.EndedAt == nil || !s.EndedAt.Equal(*s.CanceledAt) {
		t.Errorf("canceled: %+v", s)
	}
	if s := subs["sub_01hve0f1g2h3j4k5m6n7p8q9r0"]; s.Interval != "month" || s.IntervalCount != 3 || s.Amount != 7500 {
		t.Errorf("quarterly: %+v", s)
	}
}

func TestReimportSameKeys(t *testing.T) {
	h, rows := importertest.ReadCSV(t, "testdata/payments_report.csv")
	a := importertest.Run(t, h, rows, source, "payments", importers.Options{})
	b := importertest.Run(t, h, rows, source, "payments", importers.Options{})
	for i := range a.Records {
		if a.Records[i].Key() != b.Records[i].Key() {
			t.Fatalf("record %d: key %q then %q", i, a.Records[i].Key(), b.Records[i].Key())
		}
	}
	if k := a.Records[0].Key(); k != "paddle:txn_01hv8wptq8987qeep44cyrewp9" {
		t.Errorf("key %q", k)
	}
}

func TestCanon(t *testing.T) {
	for in, want := range map[string]string{
		"details.totals.total":             "details_totals_total",
		"Details Totals Total":             "details_totals_total",
		"items[0].price.unit_price.amount": "items_0_price_unit_price_amount",
		"items.0.price.unit_price.amount":  "items_0_price_unit_price_amount",
		"Sale Price ($)":                   "sale_price_$",
		"Refunded?":                        "refunded",
		" \"subscriptions.id\" ":           "subscriptions_id",
	} {
		if got := columns.Canon(in); got != want {
			t.Errorf("Canon(%q) = %q, want %q", in, got, want)
		}
	}
	h := columns.NewHeader(csvfile.NewHeader("total", "Grand Total", "total_formatted"))
	if !h.FindMoney("total").Minor || h.FindMoney("Grand Total").Minor || h.FindMoney("total_formatted").Minor {
		t.Error("minor-unit columns by spelling")
	}
}
