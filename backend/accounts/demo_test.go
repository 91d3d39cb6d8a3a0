package accounts_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/pipeline"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// The demo company (backend/demo) links as it was generated: every Stripe
// customer in exactly one account, people on public mail domains alone,
// the 3,500 website visitors who never sign up unlinked, and the
// prospects who write to support unlinked.
func TestDemoCompany(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo workspace")
	}
	path := filepath.Join(t.TempDir(), "demo.keel")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := pipeline.CreateDemo(ctx, path, now, nil); err != nil {
		t.Fatal(err)
	}
	db, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return now }
	page, err := accounts.List(ctx, db, accounts.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var customers int
	stats, err := db.Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stats {
		if s.Kind == "customers" {
			customers += int(s.Rows)
		}
	}
	seen := map[string]bool{}
	for _, a := range page.Accounts {
		for _, c := range a.Customers {
			if seen[c] {
				t.Errorf("customer %s in two accounts", c)
			}
			seen[c] = true
		}
		if len(a.Customers) != 1 {
			t.Errorf("account %s (%s) has customers %v; the demo's companies each have one", a.ID, a.Name, a.Customers)
		}
		if accounts.DefaultPublicDomains().Has(backend.EmailDomain(a.Email)) && (a.Domain != "" || a.Emails != 1) {
			t.Errorf("%s on a public domain joined others: %+v", a.Name, a)
		}
		if a.MRR == nil {
			t.Errorf("%s has no MRR", a.Name)
		}
	}
	if len(seen) != customers || page.Total != customers {
		t.Errorf("%d accounts hold %d of %d customers", page.Total, len(seen), customers)
	}
	u, err := accounts.Unlinked(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if u.Users != 3500 || u.AnonymousUsers != 3500 || u.Tickets == 0 || u.TicketsWithoutEmail != 0 {
		t.Errorf("unlinked = %+v", u)
	}
	reqs, err := accounts.UnlinkedRequesters(ctx, db, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	domains := map[string]bool{}
	for _, a := range page.Accounts {
		domains[a.Domain] = true
	}
	for _, r := range reqs {
		if domains[r.Domain] || r.Email == "" || !strings.Contains(r.Email, "@") {
			t.Errorf("unlinked requester %s at an account's domain", r.Email)
		}
	}
}
