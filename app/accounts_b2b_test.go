package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"keel/backend/accounts"
	"keel/backend/cli"
)

// The B2B company of issue 11: 160 Stripe customers, each with its own
// address, on five company domains (two teams of one company are two
// customers with two subscriptions), and 2,400 Zendesk tickets from them
// and from colleagues at their domains. Imported through the window's
// import call, `keel metrics` and the Support load screen give one account
// per billing customer: active_accounts is, each month, the customers with
// MRR at its end.
func TestB2BCompanyOneAccountPerCustomer(t *testing.T) {
	s := onEmpty(t)
	db, _ := s.workspace()
	// Today just after the 24 months: the subscriptions cancelled later
	// are within the year ahead an import takes without asking.
	s.now = func() time.Time { return time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC) }
	db.Now = s.now
	dir := t.TempDir()
	domains := []string{"acme.example", "globex.example", "initech.example", "umbrella.example", "hooli.example"}
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	month := func(k int) time.Time { return first.AddDate(0, k, 0) }
	const customers, months = 160, 24
	// Customer i starts in month start(i) and, for two in three, cancels
	// after 5 to 17 months.
	start := func(i int) int { return i * 20 / customers }
	end := func(i int) int {
		if i%3 == 0 {
			return -1
		}
		return start(i) + 5 + i%13
	}
	write := func(name string, rows [][]string) string {
		p := filepath.Join(dir, name)
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.WriteAll(rows)
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stamp := func(tm time.Time) string { return tm.Format("2006-01-02 15:04") }
	cust := [][]string{{"id", "Description", "Email", "Name", "Created (UTC)", "Delinquent", "Currency", "Account Balance", "Total Spend"}}
	subs := [][]string{{"id", "Customer ID", "Customer Email", "Status", "Plan", "Product", "Quantity", "Currency", "Interval", "Interval Count",
		"Amount", "Created (UTC)", "Start (UTC)", "Current Period Start (UTC)", "Current Period End (UTC)", "Canceled At (UTC)",
		"Cancel At Period End", "Ended At (UTC)"}}
	addr := func(i int) string { return fmt.Sprintf("team%d@%s", i, domains[i%5]) }
	for i := range customers {
		begin := month(start(i)).AddDate(0, 0, 9)
		cust = append(cust, []string{fmt.Sprintf("cus_T%03d", i), "", addr(i), fmt.Sprintf("%s team %d", domains[i%5], i), stamp(begin), "false", "usd", "0.00", "0.00"})
		status, canceled, ended := "active", "", ""
		if e := end(i); e >= 0 {
			status, canceled, ended = "canceled", stamp(month(e).AddDate(0, 0, 9)), stamp(month(e).AddDate(0, 0, 9))
		}
		subs = append(subs, []string{fmt.Sprintf("sub_T%03d", i), fmt.Sprintf("cus_T%03d", i), addr(i), status, "Team", "Keel", "1", "usd", "month", "1",
			fmt.Sprintf("%d.00", 50+i%4*25), stamp(begin), stamp(begin), stamp(begin), stamp(begin.AddDate(0, 1, 0)), canceled, "false", ended})
	}
	tickets := [][]string{{"Id", "Requester", "Requester email", "Subject", "Status", "Priority", "Via", "Created at", "Updated at", "Solved at",
		"First reply time in minutes", "Full resolution time in minutes"}}
	for k := range 2400 {
		at := month(k % months).Add(time.Duration(k%600) * time.Hour)
		who := addr(k % customers) // most tickets from a customer's own address…
		if k%10 < 3 {
			who = fmt.Sprintf("colleague%d@%s", k%40, domains[k/10%5]) // …some from colleagues at its domain
		}
		tickets = append(tickets, []string{fmt.Sprint(50000 + k), "Person", who, "Help", "solved", "normal", "email",
			at.Format("2006-01-02 15:04:05"), at.Format("2006-01-02 15:04:05"), at.Add(2 * time.Hour).Format("2006-01-02 15:04:05"), "30", "120"})
	}
	files := []Item{{Path: write("unified_customers.csv", cust)}, {Path: write("subscriptions.csv", subs)}, {Path: write("zendesk_tickets.csv", tickets)}}
	importClean(t, s, files)
	// The known answer: customers with MRR at each month's end.
	want := make([]int64, months)
	for m := range months {
		for i := range customers {
			if start(i) <= m && (end(i) < 0 || m < end(i)) {
				want[m]++
			}
		}
	}

	page, err := accounts.List(context.Background(), db, accounts.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != customers {
		t.Errorf("%d accounts, want one per billing customer (%d)", page.Total, customers)
	}
	for _, a := range page.Accounts {
		if len(a.Customers) != 1 {
			t.Errorf("account %s holds customers %v", a.Name, a.Customers)
		}
	}

	// The Support load screen, for the last month and the year before.
	ov, err := NewSupport(s).Overview("2026-12")
	if err != nil {
		t.Fatal(err)
	}
	tile := tileOf(t, ov.Tiles, "active_accounts")
	for i, v := range tile.Values {
		m := months - len(tile.Values) + i
		if v == nil || *v != float64(want[m]) {
			t.Errorf("Support load %s: active accounts %s, want %d", tile.Months[i], show(v), want[m])
		}
	}
	if len(tile.Values) != 12 {
		t.Errorf("the tile has %d months", len(tile.Values))
	}
	// Colleagues' tickets are the organisations', listed as ambiguous.
	amb, err := accounts.Ambiguities(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if len(amb) != 5 || amb[0].Text != "ambiguous: 32 accounts at "+amb[0].Domain {
		t.Errorf("ambiguous = %d organisations, first %+v", len(amb), amb[0].Text)
	}

	// keel metrics, the command, on the workspace the window closed.
	path := db.Path()
	s.Close()
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"metrics", "--workspace", path, "--from", "2025-01", "--to", "2026-12", "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("keel metrics: %d %s", code, errOut.String())
	}
	var rep struct {
		Months []struct {
			Month   string `json:"month"`
			Support struct {
				Tickets        *int64   `json:"tickets"`
				ActiveAccounts *int64   `json:"active_accounts"`
				PerAccount     *float64 `json:"tickets_per_active_account"`
			} `json:"support"`
		} `json:"months"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Months) != months {
		t.Fatalf("keel metrics gave %d months", len(rep.Months))
	}
	lo, hi := want[0], want[0]
	for m, got := range rep.Months {
		sp := got.Support
		if sp.ActiveAccounts == nil || *sp.ActiveAccounts != want[m] {
			t.Errorf("keel metrics %s: active_accounts %v, want %d", got.Month, show(i2f(sp.ActiveAccounts)), want[m])
		}
		if sp.Tickets == nil || sp.PerAccount == nil || *sp.PerAccount != float64(*sp.Tickets)/float64(want[m]) {
			t.Errorf("keel metrics %s: tickets_per_active_account %v for %v tickets", got.Month, show(sp.PerAccount), show(i2f(sp.Tickets)))
		}
		lo, hi = min(lo, want[m]), max(hi, want[m])
	}
	if lo > 10 || hi < 60 {
		t.Errorf("the company's active customers range %d–%d; the test wants a wide range", lo, hi)
	}

}
