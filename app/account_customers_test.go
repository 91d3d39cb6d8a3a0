package app

import "testing"

// Every billing customer an account lists opens the customer page (the
// Accounts panel shows it): the ids are the ones the revenue engine knows.
func TestAccountCustomersOpenTheCustomerPage(t *testing.T) {
	s, _ := demoState(t)
	page, err := NewAccounts(s).List("", "mrr", 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRevenue(s)
	opened := 0
	for _, a := range page.Accounts {
		for _, c := range a.Customers {
			p, err := r.Customer(c, "")
			if err != nil {
				t.Fatalf("account %s, customer %s: %v", a.ID, c, err)
			}
			if p.ID != c || len(p.Subscriptions) == 0 {
				t.Errorf("customer %s: page %s with %d subscriptions", c, p.ID, len(p.Subscriptions))
			}
			opened++
		}
	}
	if opened == 0 {
		t.Fatal("no account of the demo lists a billing customer")
	}
}
