package app

import (
	"strings"
	"testing"
	"time"

	"keel/backend"
)

func TestAccountsListSearchSortPage(t *testing.T) {
	s, _ := onDemo(t)
	a := NewAccounts(s)
	p, err := a.List("", "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total < 100 || len(p.Accounts) != 50 || p.Sort != "mrr" || p.Limit != 50 || p.BaseCurrency != "usd" || p.Last != nil {
		t.Fatalf("first page: total %d, %d rows, %+v", p.Total, len(p.Accounts), p.Last)
	}
	for i := 1; i < len(p.Accounts); i++ {
		if mrr(p.Accounts[i-1].MRR) < mrr(p.Accounts[i].MRR) {
			t.Fatalf("not by MRR: %v before %v", mrr(p.Accounts[i-1].MRR), mrr(p.Accounts[i].MRR))
		}
	}
	top := p.Accounts[0]
	if len(top.Sources) < 2 || top.Plan == "" || top.LastActivity == nil || len(top.Customers) == 0 {
		t.Errorf("top account = %+v", top)
	}
	next, _ := a.List("", "mrr", 50, 50)
	if len(next.Accounts) == 0 || next.Accounts[0].ID == p.Accounts[49].ID || next.Offset != 50 {
		t.Errorf("second page starts with %+v", next.Accounts)
	}
	byName, _ := a.List("", "name", 0, 5)
	if len(byName.Accounts) != 5 || strings.ToLower(byName.Accounts[0].Name) > strings.ToLower(byName.Accounts[1].Name) {
		t.Errorf("by name: %v, %v", byName.Accounts[0].Name, byName.Accounts[1].Name)
	}
	found, _ := a.List(top.Domain, "", 0, 0)
	if found.Total != 1 || found.Accounts[0].ID != top.ID || found.Query != top.Domain {
		t.Errorf("search %q found %d", top.Domain, found.Total)
	}
	if none, _ := a.List("no such account anywhere", "", 0, 0); none.Total != 0 || none.Accounts == nil {
		t.Errorf("search for nothing: %+v", none)
	}
	if _, err := a.List("", "colour", 0, 0); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("an unknown sort: %v", err)
	}
	if p.Unlinked == nil || p.Unlinked.Tickets == 0 || p.Unlinked.Requesters == 0 {
		t.Errorf("unlinked = %+v", p.Unlinked)
	}
	reqs, err := a.UnlinkedTickets(0, 5)
	if err != nil || len(reqs) != 5 || reqs[0].Tickets < reqs[4].Tickets {
		t.Errorf("unlinked requesters = %+v, %v", reqs, err)
	}
	users, err := a.UnlinkedUsers(0, 3)
	if err != nil || len(users) != 3 {
		t.Errorf("unlinked users = %+v, %v", users, err)
	}
	d, err := a.Get(top.ID)
	if err != nil || d.ID != top.ID || len(d.Addresses) == 0 || len(d.Domains) == 0 || len(d.Keys) == 0 || d.RuleViews == nil {
		t.Fatalf("detail = %+v, %v", d, err)
	}
	if _, err := a.Get("acc_nope"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("an unknown account: %v", err)
	}
}

func mrr(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

func TestMergeSplitAndUndoThroughTheAPI(t *testing.T) {
	s, rec := onDemo(t)
	a := NewAccounts(s)
	p, _ := a.List("", "mrr", 0, 2)
	one, two := p.Accounts[0], p.Accounts[1]
	total := p.Total
	before := rec.count("workspace:changed")

	c, err := a.Merge(one.ID, two.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Account.ID != one.ID || len(c.Account.Customers) != len(one.Customers)+len(two.Customers) || c.Rule == nil ||
		c.Rule.Kind != "merge" || c.Message != "Merged "+one.Name+" and "+two.Name+" into one account." {
		t.Fatalf("merge = %+v (rule %+v), %q", c.Account.Account, c.Rule, c.Message)
	}
	if *c.Account.MRR != *one.MRR+*two.MRR || c.Account.Tickets != one.Tickets+two.Tickets {
		t.Errorf("merged MRR %d, tickets %d", *c.Account.MRR, c.Account.Tickets)
	}
	if rec.count("workspace:changed") != before+1 {
		t.Error("the page is not told the accounts changed")
	}
	after, _ := a.List("", "mrr", 0, 2)
	if after.Total != total-1 || after.Accounts[0].ID != one.ID || after.Last == nil || after.Last.Seq != c.Rule.Seq ||
		!strings.HasPrefix(after.Last.Text, "Merged ") {
		t.Fatalf("after the merge: total %d (was %d), last %+v", after.Total, total, after.Last)
	}
	if rules, _ := a.Rules(); len(rules) != 1 || rules[0].Seq != c.Rule.Seq {
		t.Errorf("rules = %+v", rules)
	}
	if _, err := a.Merge(one.ID, one.ID); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("merging an account with itself: %v", err)
	}

	// Undo: the two accounts are back, with their ids.
	if err := a.Forget(c.Rule.Seq); err != nil {
		t.Fatal(err)
	}
	undone, _ := a.List("", "mrr", 0, 2)
	if undone.Total != total || undone.Accounts[1].ID != two.ID || undone.Last != nil {
		t.Fatalf("after undo: total %d, %+v", undone.Total, undone.Accounts[1])
	}
	if err := a.Forget(c.Rule.Seq); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("undoing twice: %v", err)
	}

	// Split: one address of the top account becomes its own (or unlinked).
	d, _ := a.Get(one.ID)
	var addr string
	for _, x := range d.Addresses {
		if x != d.Email {
			addr = x
			break
		}
	}
	if addr == "" {
		t.Fatalf("account %s has one address", one.ID)
	}
	sp, err := a.Split(one.ID, addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range sp.Account.Addresses {
		if x == addr {
			t.Errorf("%s is still in the account after the split", addr)
		}
	}
	if sp.Rule == nil || sp.Rule.Kind != "split" || !strings.Contains(sp.Message, addr) {
		t.Errorf("split = rule %+v, %q", sp.Rule, sp.Message)
	}
	if err := a.Forget(sp.Rule.Seq); err != nil {
		t.Fatal(err)
	}
	if d2, _ := a.Get(one.ID); len(d2.Addresses) != len(d.Addresses) {
		t.Errorf("after undoing the split: %d addresses, was %d", len(d2.Addresses), len(d.Addresses))
	}
	if _, err := a.Split(one.ID, "someone@elsewhere.example"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("splitting an address the account does not have: %v", err)
	}

	// Attach: an unlinked requester's tickets join an account.
	un := p.Unlinked.Tickets
	reqs, _ := a.UnlinkedTickets(0, 1)
	at, err := a.Attach(two.ID, reqs[0].Email)
	if err != nil {
		t.Fatal(err)
	}
	if at.Account.Tickets != two.Tickets+reqs[0].Tickets || !strings.Contains(at.Message, reqs[0].Email) {
		t.Errorf("attach: %d tickets (was %d + %d)", at.Account.Tickets, two.Tickets, reqs[0].Tickets)
	}
	if now, _ := a.List("", "", 0, 1); now.Unlinked.Tickets != un-reqs[0].Tickets {
		t.Errorf("unlinked tickets %d, want %d", now.Unlinked.Tickets, un-reqs[0].Tickets)
	}
	if _, err := a.Attach(two.ID, "gmail.com"); backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("attaching a public domain: %v", err)
	}
}

// TestAccountsSayTheirMRRIsToday: the Accounts list's MRR is each account's
// MRR now (the workspace clock), and says so; at the last instant of a
// month, the accounts' MRR adds up to `keel metrics`' MRR of that month.
func TestAccountsSayTheirMRRIsToday(t *testing.T) {
	s, _ := onDemo(t)
	endOfJan := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC).Add(-time.Second)
	s.now = func() time.Time { return endOfJan }
	db, _ := s.workspace()
	db.Now = s.now
	page, err := NewAccounts(s).List("", "mrr", 0, maxPage)
	if err != nil {
		t.Fatal(err)
	}
	if !page.MRRAt.Equal(endOfJan) || !strings.Contains(page.MRRNote, "today (31 Jan 2026)") ||
		!strings.Contains(page.MRRNote, "end of December 2025") {
		t.Errorf("the list does not say when its MRR is: %v, %q", page.MRRAt, page.MRRNote)
	}
	var sum int64
	for _, a := range page.Accounts {
		if a.MRR != nil {
			sum += *a.MRR
		}
	}
	if page.Total > maxPage {
		t.Fatalf("%d accounts: more than a page", page.Total)
	}
	want := metricsSection(t, s, "2026-01", "2026-01", "revenue")[0]["mrr"]
	if want == nil || float64(sum) != *want {
		t.Errorf("accounts add up to %d of MRR at the end of January; keel metrics says %v", sum, show(want))
	}
}
