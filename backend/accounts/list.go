package accounts

import (
	"context"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Account is one row of the Accounts view.
type Account struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Domain    string   `json:"domain"` // organisation domain; "" for a person on a public mail domain
	Email     string   `json:"email"`  // main contact
	Customers []string `json:"customers"`
	Sources   []string `json:"sources"` // stripe, zendesk, posthog…
	Emails    int      `json:"emails"`  // addresses linked
	Users     int      `json:"users"`   // analytics users linked
	// Plan and MRR are as of the workspace clock: the plans with MRR > 0
	// (or on trial, marked so), and the MRR in minor units of the base
	// currency; MRR is nil when the revenue engine has no data or cannot
	// price it (Page.MRRProblem says why).
	Plan         string     `json:"plan"`
	MRR          *int64     `json:"mrr"`
	Tickets      int64      `json:"tickets"`
	Events       int64      `json:"events"`
	FirstSeen    *time.Time `json:"first_seen"`
	LastActivity *time.Time `json:"last_activity"`
}

// Detail is one account with what it is made of.
type Detail struct {
	Account
	Keys      []string `json:"keys"`      // its identities: customer:<source>:<id>, guest:, requester: and user: keys
	Addresses []string `json:"addresses"` // its email addresses
	Domains   []string `json:"domains"`
	Rules     []Rule   `json:"rules"` // the merges and splits that name one of its keys
}

// ListOptions filter and order the list.
type ListOptions struct {
	Query  string // part of the name, domain or contact address
	Sort   string // "mrr" (default), "tickets", "events", "last_activity", "name", "first_seen"
	Limit  int    // 0 = all
	Offset int
}

// Page is a slice of the list.
type Page struct {
	Accounts     []Account `json:"accounts"`
	Total        int       `json:"total"`
	BaseCurrency string    `json:"base_currency"`
	// MRRProblem explains missing MRR (a missing exchange rate, say).
	MRRProblem string `json:"mrr_problem,omitempty"`
}

// account is a stored account as the view shows it.
func account(r workspace.AccountRow) Account {
	return Account{ID: r.ID, Name: r.Name, Domain: r.Domain, Email: r.Email, Customers: r.Customers, Sources: r.Sources,
		Emails: r.Emails, Users: r.Users, Tickets: r.Tickets, Events: r.Events, FirstSeen: timep(r.FirstSeen), LastActivity: timep(r.LastActivity)}
}

func timep(v int64) *time.Time {
	if v == 0 {
		return nil
	}
	t := time.Unix(v, 0).UTC()
	return &t
}

// List returns the accounts, linking them first if they are stale.
func List(ctx context.Context, db *workspace.DB, opt ListOptions) (*Page, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	rows, err := db.Accounts(ctx, strings.ToLower(strings.TrimSpace(opt.Query)))
	if err != nil {
		return nil, err
	}
	list := make([]Account, len(rows))
	for i, r := range rows {
		list[i] = account(r)
	}
	page := &Page{Total: len(list)}
	if err := addBilling(ctx, db, list, page); err != nil {
		return nil, err
	}
	sortAccounts(list, opt.Sort)
	if opt.Offset > 0 {
		list = list[min(opt.Offset, len(list)):]
	}
	if opt.Limit > 0 && len(list) > opt.Limit {
		list = list[:opt.Limit]
	}
	page.Accounts = list
	return page, nil
}

// addBilling fills plan and MRR as of the workspace clock.
func addBilling(ctx context.Context, db *workspace.DB, list []Account, page *Page) error {
	now := db.Now()
	b, err := LoadBilling(ctx, db, now, now)
	if err != nil {
		if backend.ErrorCode(err) == backend.Internal {
			return err
		}
		page.MRRProblem = backend.ErrorMessage(err)
		return nil
	}
	page.BaseCurrency = b.Series.BaseCurrency
	if !b.Series.HasData {
		return nil
	}
	inc, err := db.Setting(workspace.SettingIncludeTest)
	if err != nil {
		return err
	}
	rates, err := revenue.LoadRates(db, b.Series.BaseCurrency, db.Location(), inc == "true")
	if err != nil {
		return err
	}
	t := now.Unix()
	for i := range list {
		a := &list[i]
		plan, stage := b.State(a.ID, t)
		if stage == StageTrial {
			plan += " (trial)"
		}
		a.Plan = plan
		mrr, err := b.MRR(a.ID, t, rates)
		if err != nil {
			page.MRRProblem = backend.ErrorMessage(err)
			continue
		}
		a.MRR = &mrr
	}
	return nil
}

func sortAccounts(list []Account, by string) {
	val := func(p *int64) int64 {
		if p == nil {
			return -1
		}
		return *p
	}
	tm := func(t *time.Time) int64 {
		if t == nil {
			return -1 << 63
		}
		return t.Unix()
	}
	less := func(a, b *Account) (bool, bool) { // (less, decided)
		switch by {
		case "name":
			if x, y := strings.ToLower(a.Name), strings.ToLower(b.Name); x != y {
				return x < y, true
			}
		case "tickets":
			if a.Tickets != b.Tickets {
				return a.Tickets > b.Tickets, true
			}
		case "events":
			if a.Events != b.Events {
				return a.Events > b.Events, true
			}
		case "last_activity":
			if x, y := tm(a.LastActivity), tm(b.LastActivity); x != y {
				return x > y, true
			}
		case "first_seen":
			if x, y := tm(a.FirstSeen), tm(b.FirstSeen); x != y {
				return x > y, true
			}
		default:
			if x, y := val(a.MRR), val(b.MRR); x != y {
				return x > y, true
			}
		}
		return false, false
	}
	sort.SliceStable(list, func(i, j int) bool {
		if l, ok := less(&list[i], &list[j]); ok {
			return l
		}
		return list[i].ID < list[j].ID
	})
}

// Get returns one account with what it is made of and its rules.
func Get(ctx context.Context, db *workspace.DB, id string) (*Detail, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	r, ok, err := db.Account(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound(id)
	}
	list := []Account{account(r)}
	var page Page
	if err := addBilling(ctx, db, list, &page); err != nil {
		return nil, err
	}
	d := &Detail{Account: list[0]}
	members, err := db.AccountIdents(ctx, id)
	if err != nil {
		return nil, err
	}
	public, err := LoadPublicDomains(db)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{r.Anchor: true}
	addresses, domains := map[string]bool{}, map[string]bool{}
	if dm, ok := strings.CutPrefix(r.Anchor, domainPrefix); ok {
		domains[dm] = true
	}
	for _, m := range members {
		in[m.Key] = true
		d.Keys = append(d.Keys, m.Key)
		for _, e := range m.Emails {
			addresses[e] = true
			in[emailPrefix+e] = true
			if dm := backend.EmailDomain(e); !public.Has(dm) {
				domains[dm] = true
			}
		}
	}
	for dm := range domains {
		in[domainPrefix+dm] = true
	}
	d.Addresses, d.Domains = sortedKeys(addresses), sortedKeys(domains)
	rules, err := Rules(ctx, db)
	if err != nil {
		return nil, err
	}
	for _, r := range rules {
		if in[r.A] || in[r.B] {
			d.Rules = append(d.Rules, r)
		}
	}
	return d, nil
}
