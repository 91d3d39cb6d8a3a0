package stripe

import (
	"cmp"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

// realFiles are the real Stripe exports (relative to RealDir) and their kinds.
var realFiles = []struct {
	path, kind string
}{
	{"stripe/payments_default_refunds/unified_payments.csv", "payments"},
	{"stripe/payments_eur_converted_usd/unified_payments.csv", "payments"},
	{"stripe/payments_full_77col_thb/unified_payments.csv", "payments"},
	{"stripe/payments_full_failed_declines/unified_payments.csv", "payments"},
	{"stripe/payments_gbp_incomplete_intents/unified_payments.csv", "payments"},
	{"stripe/payments_legacy_2023_created_utc/unified_payments.csv", "payments"},
	{"stripe/payments_metadata_ach/unified_payments.csv", "payments"},
	{"stripe/payments_testmode_metadata/unified_payments.csv", "payments"},
	{"stripe/payments_2020_metadata_cols/unified_payments.csv", "payments"},
	{"stripe/payments_2026_many_metadata/unified_payments (1).csv", "payments"},
	{"stripe/payments_custom_columns/unified_payments.csv", "payments"},
	{"stripe/customers_legacy_guest_gcus/unified_customers.csv", "customers"},
	{"stripe/customers_legacy_2023/unified_customers.csv", "customers"},
	{"stripe/customers_metadata/unified_customers.csv", "customers"},
	{"stripe/customers_name_is_phone/unified_customers.csv", "customers"},
	{"stripe/invoices_2023/invoices.csv", "invoices"},
	{"stripe/balance_all_activity_nzd/balance_history.csv", "balance"},
	{"stripe/payouts_nzd/payouts.csv", "payouts"},
}

// TestRealFiles imports every real Stripe export and compares a summary
// with testdata/real_<dir>.golden.
func TestRealFiles(t *testing.T) {
	importertest.NeedReal(t)
	tests := realFiles
	// Every real Stripe file must be in the table.
	all, _ := filepath.Glob(filepath.Join(importertest.RealDir, "stripe", "*", "*.csv"))
	listed := map[string]bool{}
	for _, tt := range tests {
		listed[filepath.Join(importertest.RealDir, tt.path)] = true
	}
	for _, p := range all {
		if !listed[p] {
			t.Errorf("%s is not tested", p)
		}
	}
	for _, tt := range tests {
		name := filepath.Base(filepath.Dir(tt.path))
		t.Run(name, func(t *testing.T) {
			got := importFile(t, filepath.Join(importertest.RealDir, tt.path), tt.kind, false)
			importertest.Golden(t, "real_"+name+".golden", got)
		})
	}
}

// TestOwnFiles imports the hand-written testdata/<kind>_*.csv files (kinds
// without a real sample, edge cases, bad rows) and renders every record.
func TestOwnFiles(t *testing.T) {
	importertest.GoldenFiles(t, func(t *testing.T, path, kind string) string {
		return importFile(t, path, kind, true)
	})
}

// importFile detects, binds and parses one file and summarises the result.
func importFile(t *testing.T, path, kind string, every bool) string {
	t.Helper()
	h, rows := importertest.ReadCSV(t, path)
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s\n", filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path))

	ms := importers.Detect(h)
	if len(ms) == 0 {
		t.Fatalf("no importer claims %s", path)
	}
	if w := ms[0].Importer; w.Source() != "stripe" || w.Kind() != kind {
		t.Errorf("detected %s/%s, want stripe/%s", w.Source(), w.Kind(), kind)
	}
	if len(ms) > 1 && ms[1].Confidence >= ms[0].Confidence {
		t.Errorf("tie: %s and %s both score %.2f", ms[0].Importer.Kind(), ms[1].Importer.Kind(), ms[0].Confidence)
	}
	b.WriteString("detect:")
	for _, m := range ms {
		fmt.Fprintf(&b, " %s/%s=%.2f", m.Importer.Source(), m.Importer.Kind(), m.Confidence)
	}
	b.WriteString("\n")

	im := importers.Find("stripe", kind)
	parse, err := im.Bind(h, importers.Options{})
	if err != nil {
		t.Fatalf("bind: %v", err)
	}
	var (
		recs     []backend.Record
		rejected []string
		skipped  int
	)
	for _, row := range rows {
		if row.Problem != "" {
			rejected = append(rejected, fmt.Sprintf("line %d: %s", row.Line, row.Problem))
			continue
		}
		rec, err := parse(row)
		switch {
		case err != nil:
			if backend.ErrorMessage(err) != err.Error() {
				t.Errorf("line %d: the reason is not a plain sentence: %v", row.Line, err)
			}
			rejected = append(rejected, fmt.Sprintf("line %d: %s", row.Line, err))
		case rec == nil:
			skipped++
		default:
			if rec.Key() == "" {
				t.Errorf("line %d: record without a key", row.Line)
			}
			recs = append(recs, rec)
		}
	}
	fmt.Fprintf(&b, "rows: %d\nrecords: %d\nskipped: %d\nrejected: %d\n", len(rows), len(recs), skipped, len(rejected))
	for _, r := range rejected {
		fmt.Fprintf(&b, "  %s\n", r)
	}
	keys := map[string]int{}
	for _, r := range recs {
		keys[r.Key()]++
	}
	dups := 0
	for _, n := range keys {
		dups += n - 1
	}
	fmt.Fprintf(&b, "duplicate keys: %d\n", dups)
	b.WriteString(totals(recs))
	switch {
	case every:
		for _, r := range recs {
			b.WriteString(importertest.Render(r))
		}
	case len(recs) > 0:
		b.WriteString("first record:\n")
		b.WriteString(importertest.Render(recs[0]))
		for _, r := range recs {
			if k := strings.TrimPrefix(r.Key(), "stripe:"); strings.HasPrefix(k, "row:") || strings.HasPrefix(k, "guest:") {
				b.WriteString("first record without id:\n")
				b.WriteString(importertest.Render(r))
				break
			}
		}
	}
	return b.String()
}

// totals counts and sums the records by the groups that matter for
// metrics, in minor units. Payments are Stripe's own: fees and refunds in
// the settlement currency, refund dates listed.
func totals(recs []backend.Record) string {
	tally := importertest.NewTally()
	deref := func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
	var (
		noID, delinquents int
		other             []string
	)
	for _, r := range recs {
		switch r := r.(type) {
		case *backend.Payment:
			tally.Header = "count amount refunded; fees in the settlement currency"
			tally.Sums.Add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Amount, r.Refunded)
			if r.ConvertedCurrency != "" {
				tally.Sums.Add(fmt.Sprintf("converted %s", r.ConvertedCurrency), deref(r.Converted), deref(r.ConvertedRefunded))
			}
			if r.Fee != nil {
				cur := cmp.Or(r.ConvertedCurrency, r.Currency)
				tally.Sums.Add(fmt.Sprintf("fee %s", cur), *r.Fee, 0)
			}
			if r.ID == "" {
				noID++
			}
			tally.Flags(r.Test, r.Attrs)
			if r.RefundedAt != nil {
				other = append(other, fmt.Sprintf("refunded at %s: %s", r.RefundedAt.Format(time.DateTime), r.RowKey))
			}
		case *backend.BalanceTxn:
			tally.Header = "count amount fee net"
			tally.Sums.Add(fmt.Sprintf("%s %s", r.Currency, r.Type), r.Amount, r.Fee, r.Net)
			tally.Sums.Add(fmt.Sprintf("%s all", r.Currency), r.Amount, r.Fee, r.Net)
			if r.CustomerFacingAmount != nil {
				tally.Sums.Add(fmt.Sprintf("customer facing %s", r.CustomerFacingCurrency), *r.CustomerFacingAmount, 0, 0)
			}
			if r.DestinationPlatformFee != nil {
				tally.Sums.Add(fmt.Sprintf("destination platform fee %s", r.DestinationPlatformFeeCurrency), *r.DestinationPlatformFee, 0, 0)
			}
			if r.Net != r.Amount-r.Fee {
				other = append(other, fmt.Sprintf("net is not amount - fee: %s", r.Key()))
			}
			if !strings.HasPrefix(r.ID, "txn_") {
				noID++
			}
			tally.Flags(r.Test, r.Attrs)
		case *backend.Payout:
			tally.Header = "count amount"
			tally.Sums.Add(fmt.Sprintf("%s %s %s", r.Currency, r.Status, r.Method), r.Amount)
			if !strings.HasPrefix(r.ID, "po_") {
				noID++
			}
			if r.FailureCode != "" {
				other = append(other, fmt.Sprintf("failed %s: %s %q", r.Key(), r.FailureCode, r.FailureMessage))
			}
			tally.Flags(r.Test, r.Attrs)
		case *backend.Customer:
			tally.Add(r)
			if !strings.HasPrefix(r.ID, "cus_") {
				noID++
			}
			if r.Delinquent {
				delinquents++
			}
		default:
			tally.Add(r)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "test records: %d\nrecords without id: %d\nrecords with attrs: %d\n", tally.Test, noID, tally.WithAttrs)
	if delinquents > 0 {
		fmt.Fprintf(&b, "delinquent: %d\n", delinquents)
	}
	b.WriteString(tally.Sums.Table(tally.Header))
	for _, o := range other {
		fmt.Fprintf(&b, "%s\n", o)
	}
	return b.String()
}

// TestNotClaimed checks that every Stripe importer scores 0 on the real
// files of other sources and of the other Stripe kinds, and that each real
// Stripe file is claimed by its own importer (at least 0.9) ahead of any
// other importer of any source.
func TestNotClaimed(t *testing.T) {
	own := map[string]string{}
	for _, f := range realFiles {
		own[f.path] = f.kind
	}
	importertest.RealNotClaimed(t, "stripe", own)
}

func header(names string) *csvfile.Header {
	return &csvfile.Header{Names: strings.Split(names, ",")}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		Name, Header string
		Want         map[string]float64 // kind -> score; missing kinds score 0
	}{
		{"payments default", "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer",
			map[string]float64{"payments": 0.95}},
		{"payments 2023", "id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Status",
			map[string]float64{"payments": 0.95}},
		{"payments minimal subset", "id,Created date (UTC),Amount,Currency,Status,Customer Email",
			map[string]float64{"payments": 0.8}},
		{"payments without created", "id,Amount,Currency,Status,Invoice ID",
			map[string]float64{"payments": 0.6}},
		{"payments bare", "id,Created (UTC),Amount,Currency,Status",
			map[string]float64{"payments": 0.4}},
		{"payouts", "id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),Source Type,Destination,Status,Type,Method,Description",
			map[string]float64{"payouts": 0.95}},
		{"payouts real", "id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),Source Type,Destination,Status,Type,Method,Description,Balance Transaction,Failure Balance Transaction,Failure Message,Failure Code,Statement Descriptor,Trace ID,Trace ID Status,Destination Name,Destination Country,Destination Last 4",
			map[string]float64{"payouts": 0.95}},
		{"payouts without (UTC)", "id,Amount,Created,Currency,Arrival Date,Status,Statement Descriptor,Destination,Method",
			map[string]float64{"payouts": 0.95}},
		{"payouts subset", "id,Amount,Currency,Created (UTC),Arrival Date (UTC),Status",
			map[string]float64{"payouts": 0.8}},
		{"payouts bare", "id,Amount,Currency,Created (UTC),Arrival Date (UTC)",
			map[string]float64{"payouts": 0.6}},
		{"balance", "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description",
			map[string]float64{"balance": 0.95}},
		{"balance real", "id,Type,Source,Amount,Fee,Destination Platform Fee,Destination Platform Fee Currency,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group",
			map[string]float64{"balance": 0.95}},
		{"balance without fee", "id,Type,Amount,Net,Currency,Created (UTC),Available On (UTC)",
			map[string]float64{"balance": 0.8}},
		{"balance without available on", "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC)",
			map[string]float64{"balance": 0.6}},
		{"balance reports api", "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,description",
			map[string]float64{"balance": 0.95}},
		{"net without balance columns", "id,Amount,Fee,Net,Currency,Created (UTC),Status", nil},
		{"customers", "id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Account Balance,Currency,Total Spend",
			map[string]float64{"customers": 0.95}},
		{"customers one distinctive column", "id,Email,Name,Created (UTC),Delinquent",
			map[string]float64{"customers": 0.7}},
		{"generic people", "id,Email,Name,Created (UTC)", nil},
		{"subscriptions guess", "id,Customer ID,Customer Name,Customer Email,Status,Plan,Product,Quantity,Currency,Interval,Amount,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Canceled At (UTC),Cancel At Period End,Ended At (UTC)",
			map[string]float64{"subscriptions": 0.95}},
		{"subscriptions without period", "id,Customer ID,Status,Currency,Interval,Amount",
			map[string]float64{"subscriptions": 0.7}},
		{"invoices", "id,Amount Due,Billing,Closed,Currency,Customer,Date (UTC),Due Date (UTC),Number,Paid,Subscription,Subtotal,Total Discount Amount,Applied Coupons,Tax,Tax Percent,Total,Amount Paid,Status",
			map[string]float64{"invoices": 0.95}},
		{"invoices subset", "id,Amount Due,Currency,Customer,Date (UTC),Total,Status",
			map[string]float64{"invoices": 0.7}},
		{"zendesk", "Id,Requester id,Group,Status,Priority,Via,Created at,Updated at,Solved at", nil},
		{"buy me a coffee", "Supporter Email,Supporter Name,Coffee Count,Coffee Price,Support Currency,Supported On", nil},
	}
	importertest.CheckDetect(t, []importers.Importer{payments{}, customers{}, subscriptions{}, invoices{}, balance{}, payouts{}}, tests)
}

func TestBindMissing(t *testing.T) {
	tests := []struct{ Kind, Header, Want string }{
		{"payments", "id,Created date (UTC),Currency,Status",
			`this is not a Stripe payments export: the column "Amount" is missing`},
		{"payments", "Description,Amount,Currency",
			`this is not a Stripe payments export: the column "id" or "Created date (UTC)" is missing`},
		{"payments", "Created date (UTC),Amount,Currency",
			`this is not a Stripe payments export: the column "id" is missing`},
		{"payments", "Created date (UTC),Amount,Status", `this is not a Stripe payments export: the column "id" is missing`},
		{"payments", "id,Created date (UTC),Amount", ""},
		{"payments", "Created (UTC),Amount,Currency,Status", ""},
		{"customers", "Email,Name", `this is not a Stripe customers export: the column "id" is missing`},
		{"customers", "id,Name", ""},
		{"subscriptions", "id,Customer ID,Status,Amount,Currency",
			`this is not a Stripe subscriptions export: the column "Interval" is missing`},
		{"subscriptions", "id,Customer,Status,Plan Amount,Currency,Plan Interval", ""},
		{"invoices", "id,Amount Due,Currency,Customer",
			`this is not a Stripe invoices export: the columns "Date (UTC)" and "Total" are missing`},
		{"balance", "id,Type,Amount,Fee,Net,Currency,Available On (UTC)",
			`this is not a Stripe balance history export: the column "Created (UTC)" is missing`},
		{"balance", "Source,Amount,Net,Currency,Created (UTC)",
			`this is not a Stripe balance history export: the columns "id" and "Type" are missing`},
		{"balance", "id,Type,Amount,Currency,Created", ""},
		{"balance", "balance_transaction_id,reporting_category,gross,currency,created_utc", ""},
		{"payouts", "id,Currency,Created (UTC),Arrival Date (UTC)",
			`this is not a Stripe payouts export: the column "Amount" is missing`},
		{"payouts", "Amount,Currency,Arrival Date (UTC)",
			`this is not a Stripe payouts export: the columns "id" and "Created (UTC)" are missing`},
		{"payouts", "Payout ID,Amount,Currency,Created", ""},
	}
	importertest.CheckBind(t, "stripe", tests)
}

func TestRowHashStable(t *testing.T) {
	a := csvfile.Row{Line: 2, Fields: []string{"", "2025-11-19 22:16:37", "9.99", "gbp"}}
	b := csvfile.Row{Line: 9, Fields: []string{"", "2025-11-19 22:16:37", "9.99", "gbp"}}
	c := csvfile.Row{Line: 2, Fields: []string{"", "2025-11-19 22:16:3", "79.99", "gbp"}}
	if rowHash(a) != rowHash(b) {
		t.Error("the key depends on the line")
	}
	if rowHash(a) == rowHash(c) {
		t.Error("the key ignores field boundaries")
	}
	if k := rowHash(a); !strings.HasPrefix(k, "row:") || len(k) != 4+64 {
		t.Errorf("key %q", k)
	}
}
