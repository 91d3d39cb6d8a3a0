package app

import (
	"context"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Accounts is the bound API of the Accounts view: one account per customer
// across billing, helpdesk and analytics, with search, sort and paging;
// an account's detail; the founder's merges and splits (each can be taken
// back); and the tickets and events no account claims.
type Accounts struct{ s *State }

// NewAccounts binds the accounts API to the state.
func NewAccounts(s *State) *Accounts { return &Accounts{s} }

// maxPage caps a page of the list (it can hold thousands of accounts).
const maxPage = 500

// sorts are the orders the list knows.
var sorts = map[string]bool{"mrr": true, "tickets": true, "events": true, "last_activity": true, "name": true, "first_seen": true}

// RuleView is one of the founder's merges or splits, in words.
type RuleView struct {
	accounts.Rule
	Text string    `json:"text"` // "Merged customer cus_1 with acme.com"
	When time.Time `json:"when"`
}

// AccountsPage is one page of the list with what the view shows around it.
type AccountsPage struct {
	accounts.Page
	Query  string `json:"query"`
	Sort   string `json:"sort"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
	// MRRAt is the instant the accounts' plan and MRR are of: the
	// workspace clock, today, not a month's end; MRRNote says so.
	MRRAt   time.Time `json:"mrr_at"`
	MRRNote string    `json:"mrr_note"`
	// Unlinked counts the tickets and events no account claims.
	Unlinked *accounts.UnlinkedSummary `json:"unlinked"`
	// Last is the founder's latest merge or split (for "Undo"), or null.
	Last *RuleView `json:"last"`
}

// keyText reads an identity key: "customer:cus_1" → "customer cus_1".
func keyText(k string) string {
	kind, v, ok := strings.Cut(k, ":")
	if !ok {
		return k
	}
	switch kind {
	case "email", "domain":
		return v
	}
	return kind + " " + v
}

func ruleView(r accounts.Rule) RuleView {
	v := RuleView{Rule: r, When: time.Unix(r.At, 0).UTC()}
	switch r.Kind {
	case "merge":
		v.Text = "Merged " + keyText(r.A) + " with " + keyText(r.B)
	case "split":
		v.Text = "Split " + keyText(r.A) + " off into its own account"
	default:
		v.Text = r.Kind + " " + keyText(r.A)
	}
	return v
}

// List is a page of accounts: query matches part of the name, domain or
// contact address; sort is mrr (default), tickets, events, last_activity,
// name or first_seen; limit 0 means 50.
func (a *Accounts) List(query, sort string, offset, limit int) (*AccountsPage, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	sort = strings.TrimSpace(sort)
	if sort == "" {
		sort = "mrr"
	}
	if !sorts[sort] {
		return nil, backend.Errorf(backend.Invalid, "Accounts can be sorted by mrr, tickets, events, last_activity, name or first_seen, not %q.", sort)
	}
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, maxPage)
	offset = max(offset, 0)
	ctx := context.Background()
	page, err := accounts.List(ctx, db, accounts.ListOptions{Query: strings.TrimSpace(query), Sort: sort, Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	out := &AccountsPage{Page: *page, Query: strings.TrimSpace(query), Sort: sort, Offset: offset, Limit: limit, MRRAt: db.Now()}
	loc := db.Location()
	out.MRRNote = "Plan and MRR today (" + out.MRRAt.In(loc).Format("2 Jan 2006") + "), not at a month's end: the Revenue screen's MRR is at the end of " +
		backend.LastComplete(out.MRRAt, loc).Title() + "."
	if out.Accounts == nil {
		out.Accounts = []accounts.Account{}
	}
	plans := planNames(db)
	for i := range out.Accounts {
		fixAccount(&out.Accounts[i])
		out.Accounts[i].Plan = plans.Of(out.Accounts[i].Plan)
	}
	if out.Unlinked, err = accounts.Unlinked(ctx, db); err != nil {
		return nil, err
	}
	rules, err := accounts.Rules(ctx, db)
	if err != nil {
		return nil, err
	}
	if n := len(rules); n > 0 {
		v := ruleView(rules[n-1])
		out.Last = &v
	}
	return out, nil
}

// planNames names plans the way a founder does (revenue.PlanNames); when
// they cannot be read, the plans keep their ids, right but less readable.
func planNames(db *workspace.DB) revenue.PlanNames {
	names, _ := revenue.LoadPlanNames(db)
	return names
}

func fixAccount(a *accounts.Account) {
	if a.Customers == nil {
		a.Customers = []string{}
	}
	if a.Sources == nil {
		a.Sources = []string{}
	}
}

// AccountDetail is the side panel of one account.
type AccountDetail struct {
	accounts.Detail
	RuleViews []RuleView `json:"rule_views"` // the merges and splits that name one of its keys, in words
}

func detail(d *accounts.Detail) *AccountDetail {
	if d == nil {
		return nil
	}
	fixAccount(&d.Account)
	if d.Keys == nil {
		d.Keys = []string{}
	}
	if d.Addresses == nil {
		d.Addresses = []string{}
	}
	if d.Domains == nil {
		d.Domains = []string{}
	}
	if d.Rules == nil {
		d.Rules = []accounts.Rule{}
	}
	out := &AccountDetail{Detail: *d, RuleViews: []RuleView{}}
	for _, r := range d.Rules {
		out.RuleViews = append(out.RuleViews, ruleView(r))
	}
	return out
}

// Get is one account with its addresses, domains, customers and rules.
func (a *Accounts) Get(id string) (*AccountDetail, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	d, err := accounts.Get(context.Background(), db, id)
	if err != nil {
		return nil, err
	}
	d.Plan = planNames(db).Of(d.Plan)
	return detail(d), nil
}

// Change is the outcome of a merge, split or attach: the account as it is
// now, the other account (a split-off one), and the rule made, which
// Forget takes back.
type Change struct {
	Account *AccountDetail `json:"account"`
	Other   *AccountDetail `json:"other"`
	Rule    *RuleView      `json:"rule"`
	Message string         `json:"message"`
}

// lastRule is the rule just made.
func lastRule(ctx context.Context, a *Accounts) (*RuleView, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	rules, err := accounts.Rules(ctx, db)
	if err != nil || len(rules) == 0 {
		return nil, err
	}
	v := ruleView(rules[len(rules)-1])
	return &v, nil
}

func (a *Accounts) changed(ctx context.Context, c *Change) (*Change, error) {
	r, err := lastRule(ctx, a)
	if err != nil {
		return nil, err
	}
	c.Rule = r
	if db, err := a.s.workspace(); err == nil {
		plans := planNames(db)
		for _, d := range []*AccountDetail{c.Account, c.Other} {
			if d != nil {
				d.Plan = plans.Of(d.Plan)
			}
		}
	}
	a.s.emit("workspace:changed", map[string]any{})
	return c, nil
}

// Merge makes accounts first and second one account, which keeps first's
// id (its name is its main billing customer's, whichever that is).
func (a *Accounts) Merge(first, second string) (*Change, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	one, err := accounts.Get(ctx, db, first)
	if err != nil {
		return nil, err
	}
	two, err := accounts.Get(ctx, db, second)
	if err != nil {
		return nil, err
	}
	d, err := accounts.Merge(ctx, db, first, second)
	if err != nil {
		return nil, err
	}
	msg := "Merged " + nameOf(&one.Account) + " and " + nameOf(&two.Account) + " into one account"
	if n := nameOf(&d.Account); n != nameOf(&one.Account) && n != nameOf(&two.Account) {
		msg += ", " + n
	}
	return a.changed(ctx, &Change{Account: detail(d), Message: msg + "."})
}

func nameOf(a *accounts.Account) string {
	for _, s := range []string{a.Name, a.Domain, a.Email, a.ID} {
		if s != "" {
			return s
		}
	}
	return "the account"
}

// Split takes an address or a domain out of an account.
func (a *Accounts) Split(id, emailOrDomain string) (*Change, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	kept, split, err := accounts.Split(ctx, db, id, emailOrDomain)
	if err != nil {
		return nil, err
	}
	c := &Change{Account: detail(kept), Other: detail(split)}
	c.Message = "Split " + strings.TrimSpace(emailOrDomain) + " off " + nameOf(&kept.Account) + "."
	if split == nil {
		c.Message += " It is not an account of its own: its tickets and events are unlinked now."
	} else {
		c.Message += " It is now the account " + nameOf(&split.Account) + "."
	}
	return a.changed(ctx, c)
}

// Attach adds an address or a domain (an unlinked requester, say) to an
// account.
func (a *Accounts) Attach(id, emailOrDomain string) (*Change, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	d, err := accounts.Attach(ctx, db, id, emailOrDomain)
	if err != nil {
		return nil, err
	}
	return a.changed(ctx, &Change{Account: detail(d), Message: "Linked " + strings.TrimSpace(emailOrDomain) + " to " + nameOf(&d.Account) + "."})
}

// Forget takes back one merge, split or attach (by its number); the
// accounts are recomputed without it.
func (a *Accounts) Forget(seq int64) error {
	db, err := a.s.workspace()
	if err != nil {
		return err
	}
	if err := accounts.Forget(context.Background(), db, seq); err != nil {
		return err
	}
	a.s.emit("workspace:changed", map[string]any{})
	return nil
}

// Rules lists the founder's merges, splits and attaches, newest first.
func (a *Accounts) Rules() ([]RuleView, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	rules, err := accounts.Rules(context.Background(), db)
	if err != nil {
		return nil, err
	}
	out := []RuleView{}
	for i := len(rules) - 1; i >= 0; i-- {
		out = append(out, ruleView(rules[i]))
	}
	return out, nil
}

// UnlinkedTickets lists the addresses whose tickets no account claims,
// most tickets first.
func (a *Accounts) UnlinkedTickets(offset, limit int) ([]accounts.UnlinkedRequester, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 50
	}
	rs, err := accounts.UnlinkedRequesters(context.Background(), db, min(limit, maxPage), max(offset, 0))
	if rs == nil {
		rs = []accounts.UnlinkedRequester{}
	}
	return rs, err
}

// UnlinkedUsers lists the analytics users no account claims, most events
// first.
func (a *Accounts) UnlinkedUsers(offset, limit int) ([]accounts.UnlinkedUser, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 50
	}
	us, err := accounts.UnlinkedUsers(context.Background(), db, min(limit, maxPage), max(offset, 0))
	if us == nil {
		us = []accounts.UnlinkedUser{}
	}
	return us, err
}
