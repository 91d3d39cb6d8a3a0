package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 3, 14, 15, 30, 0, 0, time.UTC)

// export is one written file, read back.
type export struct {
	header []string
	rows   [][]string
	raw    []byte
}

func (e *export) col(t *testing.T, name string) int {
	t.Helper()
	i := slices.Index(e.header, name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, e.header)
	}
	return i
}

// values returns the column's cells.
func (e *export) values(t *testing.T, name string) []string {
	i := e.col(t, name)
	vs := make([]string, len(e.rows))
	for j, r := range e.rows {
		vs[j] = r[i]
	}
	return vs
}

// generate writes the demo for now and reads every file back by base name.
func generate(t *testing.T, now time.Time) ([]string, map[string]*export) {
	t.Helper()
	dir := t.TempDir()
	paths, err := Write(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*export{}
	for _, p := range paths {
		if strings.HasSuffix(p, ".json") {
			continue // the flag list (releases_test.go)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rd := csv.NewReader(bytes.NewReader(raw))
		recs, err := rd.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		files[filepath.Base(p)] = &export{header: recs[0], rows: recs[1:], raw: raw}
	}
	return paths, files
}

// The same date gives byte-identical files, whatever the time of day or
// the zone the date is read in; another date gives another company.
func TestWriteIsDeterministic(t *testing.T) {
	sums := func(now time.Time) []string {
		paths, err := Write(t.TempDir(), now)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %x", filepath.Base(p), sha256.Sum256(b)))
		}
		return out
	}
	a := sums(testNow)
	for _, now := range []time.Time{
		testNow,
		time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 14, 23, 59, 59, 0, time.UTC),
		time.Date(2026, 3, 14, 22, 0, 0, 0, time.FixedZone("EST", -5*3600)), // 15 March in UTC
	} {
		if b := sums(now); !slices.Equal(a, b) {
			t.Fatalf("%s and %s differ:\n%v\n%v", testNow, now, a, b)
		}
	}
	if b := sums(testNow.AddDate(0, 0, 1)); slices.Equal(a, b) {
		t.Errorf("the next day gives the same files")
	}
	want := []string{fileCustomers, fileSubscriptions, fileInvoices, filePayments, fileTickets, fileEvents, fileFlags}
	for i, s := range a {
		if !strings.HasPrefix(s, want[i]+" ") {
			t.Errorf("file %d is %s, want %s", i, s, want[i])
		}
	}
}

func TestWrite(t *testing.T) {
	for _, now := range []time.Time{
		testNow,
		time.Date(2026, 4, 1, 0, 10, 0, 0, time.UTC),    // first minutes of a month
		time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC), // leap day, end of month
		time.Date(2025, 7, 20, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600)),
	} {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			_, files := generate(t, now)
			checkFormats(t, files)
			checkCounts(t, files)
			checkReferences(t, files)
			checkBilling(t, files)
			checkMRRStories(t, files, now)
			checkDates(t, files, now)
			checkTickets(t, files)
			checkEvents(t, files)
		})
	}
}

func checkFormats(t *testing.T, files map[string]*export) {
	headers := map[string][]string{
		fileCustomers:     customersHeader,
		fileSubscriptions: subscriptionsHeader,
		fileInvoices:      invoicesHeader,
		filePayments:      paymentsHeader,
		fileTickets:       zendeskHeader,
		fileEvents:        posthogHeader,
	}
	for name, h := range headers {
		f := files[name]
		if !slices.Equal(f.header, h) {
			t.Errorf("%s header = %v", name, f.header)
		}
		crlf := bytes.Contains(f.raw, []byte("\r\n"))
		if crlf != (name == fileEvents) {
			t.Errorf("%s: CRLF = %v", name, crlf)
		}
	}
	// The Dashboard's default payments columns come first, in order.
	defaults := "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer"
	if got := strings.Join(paymentsHeader[:23], ","); got != defaults {
		t.Errorf("payments default columns = %s", got)
	}
	for _, name := range []string{fileCustomers, fileSubscriptions, fileInvoices, filePayments} {
		f := files[name]
		for i, h := range f.header {
			if !strings.Contains(h, "Amount") && !slices.Contains([]string{"Total Spend", "Average Order", "Refunded Volume", "Dispute Losses", "Account Balance", "Subtotal", "Total", "Fee", "Taxes On Fee", "Tax"}, h) {
				continue
			}
			for _, r := range f.rows {
				if v := r[i]; v != "" && !isMoney(v) {
					t.Fatalf("%s %s = %q, want like 15.00", name, h, v)
				}
			}
		}
	}
}

func isMoney(s string) bool {
	dot := strings.IndexByte(s, '.')
	if dot < 1 || len(s)-dot != 3 {
		return false
	}
	_, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
	return err == nil
}

func checkCounts(t *testing.T, files map[string]*export) {
	for _, c := range []struct {
		name   string
		lo, hi int
	}{
		{fileCustomers, 250, 350},
		{fileTickets, 2500, 3500},
		{fileEvents, 150_000, 250_000},
	} {
		if n := len(files[c.name].rows); n < c.lo || n > c.hi {
			t.Errorf("%s has %d rows, want %d–%d", c.name, n, c.lo, c.hi)
		}
	}
}

func checkReferences(t *testing.T, files map[string]*export) {
	cus, subs, invs, pays := files[fileCustomers], files[fileSubscriptions], files[fileInvoices], files[filePayments]
	customers := set(cus.values(t, "id"))
	subscriptions := set(subs.values(t, "id"))
	for _, c := range subs.values(t, "Customer ID") {
		if !customers[c] {
			t.Errorf("subscription of unknown customer %s", c)
		}
	}
	ci, si := invs.col(t, "Customer"), invs.col(t, "Subscription")
	invoices := map[string][]string{}
	for _, r := range invs.rows {
		if !customers[r[ci]] || !subscriptions[r[si]] {
			t.Errorf("invoice %s: customer %s or subscription %s unknown", r[0], r[ci], r[si])
		}
		invoices[r[0]] = r
	}
	ii, pci, pe := pays.col(t, "Invoice ID"), pays.col(t, "Customer ID"), pays.col(t, "Customer Email")
	for _, r := range pays.rows {
		inv, ok := invoices[r[ii]]
		if !ok {
			t.Errorf("payment %s: invoice %q unknown", r[0], r[ii])
			continue
		}
		if r[pci] != inv[ci] || r[pe] == "" {
			t.Errorf("payment %s: customer %s/%q, invoice's is %s", r[0], r[pci], r[pe], inv[ci])
		}
	}
	ids := map[string]bool{}
	for _, f := range []*export{cus, subs, invs, pays} {
		for _, r := range f.rows {
			if ids[r[0]] {
				t.Errorf("id %s used twice", r[0])
			}
			ids[r[0]] = true
		}
	}
}

func checkBilling(t *testing.T, files map[string]*export) {
	invs, pays, subs, cus := files[fileInvoices], files[filePayments], files[fileSubscriptions], files[fileCustomers]
	amount := func(s string) int64 {
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
		if err != nil {
			t.Fatalf("amount %q: %v", s, err)
		}
		return n
	}
	// Succeeded payments by invoice.
	paidBy := map[string]int64{}
	for _, r := range pays.rows {
		st := r[pays.col(t, "Status")]
		if st == "Paid" || st == "Refunded" {
			paidBy[r[pays.col(t, "Invoice ID")]] += amount(r[pays.col(t, "Amount")])
		}
	}
	for _, r := range invs.rows {
		get := func(name string) string { return r[invs.col(t, name)] }
		sub, disc, tax, total := amount(get("Subtotal")), amount(get("Total Discount Amount")), amount(get("Tax")), amount(get("Total"))
		if sub-disc+tax != total || amount(get("Amount Due")) != total {
			t.Errorf("invoice %s: %d - %d + %d != %d", r[0], sub, disc, tax, total)
		}
		if (disc > 0) != (get("Applied Coupons") != "") {
			t.Errorf("invoice %s: discount %d with coupon %q", r[0], disc, get("Applied Coupons"))
		}
		if get("Period Start (UTC)") == "" || get("Period End (UTC)") == "" {
			t.Errorf("invoice %s has no period", r[0])
		}
		if get("Status") == "paid" {
			if get("Paid") != "true" || amount(get("Amount Paid")) != total || paidBy[r[0]] != total {
				t.Errorf("paid invoice %s: Paid %s, Amount Paid %s, payments %d, total %d", r[0], get("Paid"), get("Amount Paid"), paidBy[r[0]], total)
			}
		}
	}

	var refunds, partial, disputes, failed int
	for _, r := range pays.rows {
		get := func(name string) string { return r[pays.col(t, name)] }
		if a := amount(get("Amount Refunded")); a > 0 {
			refunds++
			if a < amount(get("Amount")) {
				partial++
			}
			if get("Refunded date (UTC)") == "" {
				t.Errorf("refund %s without a date", r[0])
			}
		}
		if get("Disputed Amount") != "" {
			disputes++
			if st := get("Dispute Status"); st != "lost" && st != "needs_response" || get("Dispute Date (UTC)") == "" {
				t.Errorf("dispute %s: status %q date %q", r[0], st, get("Dispute Date (UTC)"))
			}
		}
		if get("Status") == "Failed" {
			failed++
			if get("Decline Reason") == "" || get("Captured") != "false" {
				t.Errorf("failed payment %s without decline reason", r[0])
			}
		}
		if get("Mode") != "Live" || !strings.HasPrefix(r[0], "ch_") && !strings.HasPrefix(r[0], "py_") {
			t.Errorf("payment %s mode %q", r[0], get("Mode"))
		}
		// Converted amounts are in usd: equal for usd, about 1.08 × for eur.
		a, conv := float64(amount(get("Amount"))), float64(amount(get("Converted Amount")))
		if get("Converted Currency") != "usd" {
			t.Errorf("payment %s converted to %q", r[0], get("Converted Currency"))
		}
		switch get("Currency") {
		case "usd":
			if a != conv {
				t.Errorf("usd payment %s converted %v != %v", r[0], conv, a)
			}
		case "eur":
			if ratio := conv / a; ratio < 1.03 || ratio > 1.13 {
				t.Errorf("eur payment %s at rate %.3f", r[0], ratio)
			}
		default:
			t.Errorf("payment %s in %q", r[0], get("Currency"))
		}
	}
	if refunds < 3 || partial < 1 || refunds > 30 {
		t.Errorf("%d refunds (%d partial), want a handful with some partial", refunds, partial)
	}
	if disputes != 1 {
		t.Errorf("%d disputes, want exactly 1", disputes)
	}
	if failed < 5 {
		t.Errorf("%d failed payments", failed)
	}
	// A failed invoice is either retried to success, or uncollectible, or still open.
	eur := 0
	for _, c := range cus.values(t, "Currency") {
		if c == "eur" {
			eur++
		}
	}
	if share := float64(eur) / float64(len(cus.rows)); share < 0.08 || share > 0.25 {
		t.Errorf("eur customers %.2f, want about 15 %%", share)
	}
	intervals := set(subs.values(t, "Interval"))
	if !intervals["year"] || !intervals["month"] {
		t.Errorf("intervals %v, want month and year", intervals)
	}
	seats := false
	for _, q := range subs.values(t, "Quantity") {
		seats = seats || q != "1"
	}
	if !seats {
		t.Error("no subscription with several seats")
	}
	statuses := set(subs.values(t, "Status"))
	for _, s := range []string{"active", "canceled"} {
		if !statuses[s] {
			t.Errorf("no %s subscription", s)
		}
	}
	atEnd, immediate := false, false
	ce, ca, ea := subs.col(t, "Cancel At Period End"), subs.col(t, "Canceled At (UTC)"), subs.col(t, "Ended At (UTC)")
	for _, r := range subs.rows {
		if r[ca] == "" {
			continue
		}
		atEnd = atEnd || r[ce] == "true"
		immediate = immediate || r[ce] == "false" && r[ea] == r[ca]
	}
	if !atEnd || !immediate {
		t.Errorf("cancellations at period end %v, immediate %v", atEnd, immediate)
	}
}

// monthEnds returns the last instant of every month of the window up to now.
func monthEnds(now time.Time) []time.Time {
	now = now.UTC()
	start := time.Date(now.Year(), now.Month()-months+1, 1, 0, 0, 0, 0, time.UTC)
	var ends []time.Time
	for m := 1; m <= months; m++ {
		e := start.AddDate(0, m, 0).Add(-time.Second)
		if e.After(now) {
			break
		}
		ends = append(ends, e)
	}
	return ends
}

// checkMRRStories finds, from invoices and subscriptions alone, a customer
// who has MRR, then none, then again (a reactivation) and one who paid but
// never had MRR at a month end (left inside a month).
func checkMRRStories(t *testing.T, files map[string]*export, now time.Time) {
	invs, subs := files[fileInvoices], files[fileSubscriptions]
	parse := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		tm, err := time.Parse(stripeMinute, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ended := map[string]time.Time{}
	for _, r := range subs.rows {
		ended[r[0]] = parse(r[subs.col(t, "Ended At (UTC)")])
	}
	ends := monthEnds(now)
	has := map[string][]bool{}
	paid := map[string]bool{}
	for _, r := range invs.rows {
		get := func(name string) string { return r[invs.col(t, name)] }
		if get("Status") == "draft" || get("Status") == "void" {
			continue
		}
		c := get("Customer")
		if has[c] == nil {
			has[c] = make([]bool, len(ends))
		}
		paid[c] = paid[c] || get("Status") == "paid"
		ps, pe, end := parse(get("Period Start (UTC)")), parse(get("Period End (UTC)")), ended[get("Subscription")]
		for i, e := range ends {
			if !ps.After(e) && pe.After(e) && (end.IsZero() || end.After(e)) {
				has[c][i] = true
			}
		}
	}
	reactivated, oneMonth := 0, 0
	for c, h := range has {
		first, last := slices.Index(h, true), -1
		for i := len(h) - 1; i >= 0; i-- {
			if h[i] {
				last = i
				break
			}
		}
		if first < 0 {
			if paid[c] {
				oneMonth++
			}
			continue
		}
		if slices.Contains(h[first:last+1], false) {
			reactivated++
		}
	}
	if reactivated == 0 {
		t.Error("no customer comes back after churning")
	}
	if oneMonth == 0 {
		t.Error("no customer signs up and leaves inside one month")
	}
	// MRR at the last month end is in a believable range for ~300 customers.
	live := 0
	for _, h := range has {
		if len(h) > 0 && h[len(h)-1] {
			live++
		}
	}
	if live < 80 || live > 260 {
		t.Errorf("%d paying customers at the last month end", live)
	}
}

// checkDates checks that every moment that has happened lies in the window
// and not after now. Period and trial ends may lie in the future.
func checkDates(t *testing.T, files map[string]*export, now time.Time) {
	now = now.UTC()
	start := time.Date(now.Year(), now.Month()-months+1, 1, 0, 0, 0, 0, time.UTC)
	cols := []struct {
		file, layout string
		names        []string
	}{
		{fileCustomers, stripeMinute, []string{"Created (UTC)"}},
		{fileSubscriptions, stripeMinute, []string{"Created (UTC)", "Start (UTC)", "Trial Start (UTC)", "Canceled At (UTC)", "Ended At (UTC)", "Current Period Start (UTC)"}},
		{fileInvoices, stripeMinute, []string{"Date (UTC)", "Period Start (UTC)"}},
		{filePayments, stripeSecond, []string{"Created date (UTC)", "Refunded date (UTC)", "Dispute Date (UTC)"}},
		{fileTickets, zendeskLayout, []string{"Created at", "Updated at", "Solved at"}},
		{fileEvents, posthogLayout, []string{"*.timestamp"}},
	}
	// Stripe rounds down to the minute, so compare at that precision.
	for _, c := range cols {
		f := files[c.file]
		for _, name := range c.names {
			for _, v := range f.values(t, name) {
				if v == "" {
					continue
				}
				tm, err := time.Parse(c.layout, v)
				if err != nil {
					t.Fatalf("%s %s: %v", c.file, name, err)
				}
				if tm.Before(start) || tm.After(now) {
					t.Fatalf("%s %s = %s, outside %s – %s", c.file, name, v, start, now)
				}
			}
		}
	}
}

func checkTickets(t *testing.T, files map[string]*export) {
	tk, cus := files[fileTickets], files[fileCustomers]
	domains := map[string]bool{}
	for _, e := range cus.values(t, "Email") {
		domains[e[strings.IndexByte(e, '@')+1:]] = true
	}
	var gmail, outsiders int
	sat := map[string]int{}
	st, so := tk.col(t, "Status"), tk.col(t, "Solved at")
	for _, r := range tk.rows {
		d := r[tk.col(t, "Requester domain")]
		if d == "gmail.com" {
			gmail++
		}
		if !domains[d] {
			outsiders++
		}
		sat[r[tk.col(t, "Satisfaction Score")]]++
		solved := r[st] == "Solved" || r[st] == "Closed"
		if solved != (r[so] != "") {
			t.Errorf("ticket %s: status %s, solved at %q", r[0], r[st], r[so])
		}
	}
	if gmail == 0 || outsiders == 0 {
		t.Errorf("tickets from gmail %d, from outside Stripe %d", gmail, outsiders)
	}
	if sat["Good"] < 5*sat["Bad"] || sat["Bad"] == 0 || sat["Offered"]+sat["Not Offered"] < sat["Good"]/2 {
		t.Errorf("satisfaction %v, want mostly Good, some Bad, many unrated", sat)
	}
	var first []int
	for _, v := range tk.values(t, "First reply time in minutes") {
		if v != "" {
			n, _ := strconv.Atoi(v)
			first = append(first, n)
		}
	}
	slices.Sort(first)
	if med := first[len(first)/2]; med < 50 || med > 150 {
		t.Errorf("median first reply %d minutes, want about 90", med)
	}
}

func checkEvents(t *testing.T, files map[string]*export) {
	ev := files[fileEvents]
	names := set(ev.values(t, "*.event"))
	for _, n := range []string{"$pageview", "signed_up", "project_created", "report_shared", "invite_sent", "dashboard_viewed"} {
		if !names[n] {
			t.Errorf("no %s event", n)
		}
	}
	// Anonymous ids are tied to an email by the signed_up event.
	di, ei, ni := ev.col(t, "*.distinct_id"), ev.col(t, "*.properties.email"), ev.col(t, "*.event")
	anon := 0
	for _, r := range ev.rows {
		if r[ni] == "signed_up" {
			if strings.Contains(r[di], "@") || r[ei] == "" {
				t.Fatalf("signed_up by %q with email %q", r[di], r[ei])
			}
		}
		if !strings.Contains(r[di], "@") {
			anon++
		}
	}
	if anon == 0 || anon > len(ev.rows)/3 {
		t.Errorf("%d anonymous events of %d", anon, len(ev.rows))
	}
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}
