package chargebee

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

// zipOf builds a ZIP archive of name -> content.
func zipOf(t *testing.T, members [][2]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(m[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUnzip(t *testing.T) {
	customers, _ := os.ReadFile("testdata/customers_export.csv")
	subs, _ := os.ReadFile("testdata/subscriptions_export.csv")
	zp := zipOf(t, [][2]string{
		{"Customers.csv", string(customers)},
		{"exports/Subscriptions.csv", string(subs)},
		{"../../escape.csv", "a,b\n1,2\n"},
		{`..\..\windows.csv`, "a,b\n1,2\n"},
		{"/abs/Invoices.csv", "a,b\n1,2\n"},
		{"other/Customers.csv", "a,b\n1,2\n"},
		{"__MACOSX/._Customers.csv", "junk"},
		{"README.txt", "not a csv"},
		{"folder/", ""},
	})
	outer := t.TempDir()
	dir := filepath.Join(outer, "unpacked")
	got, err := Unzip(zp, dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		if filepath.Dir(p) != dir {
			t.Errorf("%s is outside %s", p, dir)
		}
		names = append(names, filepath.Base(p))
	}
	if want := "Customers.csv Subscriptions.csv escape.csv windows.csv Invoices.csv Customers-2.csv"; strings.Join(names, " ") != want {
		t.Errorf("members %q, want %q", strings.Join(names, " "), want)
	}
	if b, _ := os.ReadFile(got[0]); !bytes.Equal(b, customers) {
		t.Error("Customers.csv differs from the member")
	}
	if m, _ := filepath.Glob(filepath.Join(outer, "*.csv")); len(m) != 0 {
		t.Errorf("files outside the folder: %v", m)
	}
	// Each member imports as its own file.
	_, res := importertest.ImportFile(t, got[1], source, "subscriptions", false)
	if len(res.Records) != 8 {
		t.Errorf("subscriptions from the ZIP: %d records", len(res.Records))
	}

	// Unpacking again into the same folder never overwrites.
	again, err := Unzip(zp, dir)
	if err != nil || filepath.Base(again[0]) != "Customers-3.csv" {
		t.Errorf("second unzip: %v %v", again, err)
	}
}

func TestUnzipRefuses(t *testing.T) {
	oldMember, oldTotal, oldCount := maxMemberSize, maxTotalSize, maxMembers
	defer func() { maxMemberSize, maxTotalSize, maxMembers = oldMember, oldTotal, oldCount }()
	maxMemberSize, maxTotalSize, maxMembers = 1000, 1500, 3

	big := strings.Repeat("x", 1001)
	tests := []struct {
		name    string
		members [][2]string
		want    string
	}{
		{"member too big", [][2]string{{"A.csv", "a\n1\n"}, {"B.csv", big}}, "B.csv in export.zip unpacks to more than 1000 bytes"},
		{"total too big", [][2]string{{"A.csv", big[:900]}, {"B.csv", big[:900]}}, "export.zip unpacks to more than 1500 bytes of CSV"},
		{"too many", [][2]string{{"A.csv", "a"}, {"B.csv", "b"}, {"C.csv", "c"}, {"D.csv", "d"}}, "export.zip holds more than 3 CSV files"},
		{"no csv", [][2]string{{"notes.txt", "hello"}}, "export.zip holds no CSV file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			got, err := Unzip(zipOf(t, tt.members), dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) || backend.ErrorCode(err) != backend.Invalid {
				t.Fatalf("got %v %v, want an error with %q", got, err, tt.want)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("files left after the error: %d", len(left))
			}
		})
	}
	if _, err := Unzip("testdata/customers_export.csv", t.TempDir()); err == nil || !strings.Contains(err.Error(), "is not a ZIP archive") {
		t.Errorf("a CSV as a ZIP: %v", err)
	}
	if _, err := Unzip(filepath.Join(t.TempDir(), "missing.zip"), t.TempDir()); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("missing file: %v", err)
	}
}
