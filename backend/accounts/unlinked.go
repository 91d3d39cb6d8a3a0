package accounts

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Links maps requester addresses to accounts, to link tickets.
type Links struct {
	byEmail map[string]string   // requester address → account
	owners  map[string][]string // any identity's address → the accounts that have it
}

// LoadLinks reads the links (linking the accounts first if stale).
func LoadLinks(ctx context.Context, db *workspace.DB) (*Links, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	of, err := db.IdentAccounts(ctx, workspace.IdentRequester)
	if err != nil {
		return nil, err
	}
	l := &Links{byEmail: make(map[string]string, len(of))}
	for k, a := range of {
		l.byEmail[k[len(workspace.IdentRequester):]] = a
	}
	if l.owners, err = db.EmailAccounts(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Ticket is the account of a ticket's requester address, "" when unlinked
// (or ambiguous).
func (l *Links) Ticket(requesterEmail string) string {
	return l.byEmail[backend.NormalizeEmail(requesterEmail)]
}

// Email is the account that has an address (a feedback item's or a note's,
// which are not identities of their own): a requester's account, else the
// one account whose billing or analytics identities carry it; "" when
// none or several do.
func (l *Links) Email(addr string) string {
	e := backend.NormalizeEmail(addr)
	if a := l.byEmail[e]; a != "" {
		return a
	}
	if as := l.owners[e]; len(as) == 1 {
		return as[0]
	}
	return ""
}

// Matching lists the accounts an address or an @domain the founder typed
// stands for: the address's account, or every account with an address
// at the domain.
func (l *Links) Matching(emailOrDomain string) []string {
	key, ok := keyFor(emailOrDomain)
	if !ok {
		return nil
	}
	if strings.HasPrefix(key, emailPrefix) {
		if a := l.byEmail[key[len(emailPrefix):]]; a != "" {
			return []string{a}
		}
		return nil
	}
	d, seen := key[len(domainPrefix):], map[string]bool{}
	var out []string
	for e, a := range l.byEmail {
		if backend.EmailDomain(e) == d && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// UnlinkedSummary counts what no account claims.
type UnlinkedSummary struct {
	Tickets             int64 `json:"tickets"`               // tickets without an account, ambiguous ones included
	TicketsWithoutEmail int64 `json:"tickets_without_email"` // of which have no requester address
	Requesters          int64 `json:"requesters"`            // addresses behind the others, ambiguous ones apart
	Events              int64 `json:"events"`                // events of analytics users without an account, ambiguous ones included
	Users               int64 `json:"users"`                 // those analytics users (distinct ids), ambiguous ones apart
	AnonymousUsers      int64 `json:"anonymous_users"`       // of which never carried an address
	// Ambiguous counts the tickets and events linked to an organisation
	// that several accounts share (Ambiguities lists them).
	AmbiguousTickets int64 `json:"ambiguous_tickets"`
	AmbiguousEvents  int64 `json:"ambiguous_events"`
	Organisations    int64 `json:"organisations"`
}

// UnlinkedRequester is one address whose tickets have no account.
type UnlinkedRequester struct {
	Email   string    `json:"email"` // "" for tickets without an address
	Domain  string    `json:"domain"`
	Tickets int64     `json:"tickets"`
	Last    time.Time `json:"last"`
}

// UnlinkedUser is one analytics user without an account.
type UnlinkedUser struct {
	DistinctID string    `json:"distinct_id"`
	Email      string    `json:"email"`
	Events     int64     `json:"events"`
	First      time.Time `json:"first"`
	Last       time.Time `json:"last"`
}

// Unlinked counts the tickets and events that no account claims.
func Unlinked(ctx context.Context, db *workspace.DB) (*UnlinkedSummary, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	s := &UnlinkedSummary{}
	n, rows, noAddress, amb, ambRows, err := db.UnlinkedCounts(ctx, workspace.IdentRequester)
	if err != nil {
		return nil, err
	}
	s.Requesters, s.Tickets, s.AmbiguousTickets = n-noAddress, rows+ambRows, ambRows
	if noAddress > 0 {
		reqs, err := db.IdentSummaries(ctx, workspace.IdentRequester, "key = ? AND account = ''", workspace.IdentRequester)
		if err != nil {
			return nil, err
		}
		for _, r := range reqs {
			s.TicketsWithoutEmail += r.Rows
		}
	}
	n, rows, noAddress, amb2, ambRows, err := db.UnlinkedCounts(ctx, workspace.IdentUser)
	if err != nil {
		return nil, err
	}
	s.Users, s.Events, s.AnonymousUsers, s.AmbiguousEvents = n, rows+ambRows, noAddress, ambRows
	if amb+amb2 > 0 {
		as, err := Ambiguities(ctx, db)
		if err != nil {
			return nil, err
		}
		s.Organisations = int64(len(as))
	}
	return s, nil
}

// UnlinkedRequesters lists the addresses whose tickets have no account
// (ambiguous ones apart), most tickets first.
func UnlinkedRequesters(ctx context.Context, db *workspace.DB, limit, offset int) ([]UnlinkedRequester, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	reqs, err := db.IdentSummaries(ctx, workspace.IdentRequester, "account = '' AND org = ''")
	if err != nil {
		return nil, err
	}
	out := make([]UnlinkedRequester, 0, len(reqs))
	for _, r := range reqs {
		e := r.Key[len(workspace.IdentRequester):]
		out = append(out, UnlinkedRequester{Email: e, Domain: backend.EmailDomain(e), Tickets: r.Rows, Last: time.Unix(r.Sum.Last, 0).UTC()})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Tickets > out[j].Tickets || out[i].Tickets == out[j].Tickets && out[i].Email < out[j].Email
	})
	return window(out, limit, offset), nil
}

// UnlinkedUsers lists the analytics users without an account (ambiguous
// ones apart), most events first.
func UnlinkedUsers(ctx context.Context, db *workspace.DB, limit, offset int) ([]UnlinkedUser, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	users, err := db.IdentSummaries(ctx, workspace.IdentUser, "account = '' AND org = ''")
	if err != nil {
		return nil, err
	}
	out := make([]UnlinkedUser, 0, len(users))
	for _, u := range users {
		e := ""
		if len(u.Emails) > 0 {
			e = u.Emails[0]
		}
		out = append(out, UnlinkedUser{DistinctID: u.Key[len(workspace.IdentUser):], Email: e, Events: u.Rows,
			First: time.Unix(u.Sum.First, 0).UTC(), Last: time.Unix(u.Sum.Last, 0).UTC()})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Events > out[j].Events || out[i].Events == out[j].Events && out[i].DistinctID < out[j].DistinctID
	})
	return window(out, limit, offset), nil
}

// Ambiguity is an organisation domain that several accounts have: the
// tickets and events of its people (not the accounts' own addresses) are
// linked to the organisation until the founder picks an account for each
// address (Attach).
type Ambiguity struct {
	Domain   string          `json:"domain"`
	Text     string          `json:"text"`     // "ambiguous: 3 accounts at acme.example"
	Accounts []Candidate     `json:"accounts"` // the accounts to choose from
	Items    []AmbiguousItem `json:"items"`    // by address, most tickets and events first
}

// Candidate is an account an ambiguous item could belong to.
type Candidate struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// AmbiguousItem is one address linked to an organisation.
type AmbiguousItem struct {
	Email   string    `json:"email"`
	Tickets int64     `json:"tickets"`
	Events  int64     `json:"events"`
	Last    time.Time `json:"last"`
	// Accounts lists the candidates' ids when they are fewer than the
	// organisation's (several accounts have this very address).
	Accounts []string `json:"accounts,omitempty"`
}

// Ambiguities lists the organisations whose tickets and events several
// accounts could claim, the most items first.
func Ambiguities(ctx context.Context, db *workspace.DB) ([]Ambiguity, error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	var items []workspace.IdentSummary
	for _, p := range []string{workspace.IdentRequester, workspace.IdentUser} {
		is, err := db.IdentSummaries(ctx, p, "account = '' AND org <> ''")
		if err != nil {
			return nil, err
		}
		items = append(items, is...)
	}
	if len(items) == 0 {
		return nil, nil
	}
	// Who has each address and each domain among the billing accounts.
	byEmail, byDomain := map[string][]string{}, map[string][]string{}
	for _, p := range []string{workspace.IdentCustomer, workspace.IdentGuest} {
		bs, err := db.IdentSummaries(ctx, p, "account <> ''")
		if err != nil {
			return nil, err
		}
		for _, b := range bs {
			for _, e := range b.Emails {
				byEmail[e] = addString(byEmail[e], b.Account)
				d := backend.EmailDomain(e)
				byDomain[d] = addString(byDomain[d], b.Account)
			}
		}
	}
	orgs := map[string]*Ambiguity{}
	perEmail := map[string]*AmbiguousItem{}
	for _, it := range items {
		a := orgs[it.Org]
		if a == nil {
			a = &Ambiguity{Domain: it.Org}
			orgs[it.Org] = a
		}
		e := ""
		if len(it.Emails) > 0 {
			e = it.Emails[0]
		}
		x := perEmail[e]
		if x == nil {
			x = &AmbiguousItem{Email: e}
			if own := byEmail[e]; len(own) > 1 {
				x.Accounts = own
			}
			perEmail[e] = x
			a.Items = append(a.Items, *x) // placeholder, filled below
		}
		if strings.HasPrefix(it.Key, workspace.IdentRequester) {
			x.Tickets += it.Rows
		} else {
			x.Events += it.Rows
		}
		if l := time.Unix(it.Sum.Last, 0).UTC(); l.After(x.Last) {
			x.Last = l
		}
	}
	names := map[string]Candidate{}
	rows, err := db.Accounts(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		names[r.ID] = Candidate{ID: r.ID, Name: r.Name, Email: r.Email}
	}
	var out []Ambiguity
	for _, d := range sortedKeys(orgs) {
		a := orgs[d]
		for i := range a.Items {
			a.Items[i] = *perEmail[a.Items[i].Email]
		}
		sort.Slice(a.Items, func(i, j int) bool {
			x, y := a.Items[i], a.Items[j]
			if x.Tickets+x.Events != y.Tickets+y.Events {
				return x.Tickets+x.Events > y.Tickets+y.Events
			}
			return x.Email < y.Email
		})
		ids := byDomain[d]
		for _, it := range a.Items {
			for _, id := range it.Accounts {
				ids = addString(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			if c, ok := names[id]; ok {
				a.Accounts = append(a.Accounts, c)
			}
		}
		sort.Slice(a.Accounts, func(i, j int) bool { return strings.ToLower(a.Accounts[i].Name) < strings.ToLower(a.Accounts[j].Name) })
		a.Text = fmt.Sprintf("ambiguous: %d accounts at %s", len(a.Accounts), d)
		out = append(out, *a)
	}
	sort.SliceStable(out, func(i, j int) bool { return itemsOf(out[i]) > itemsOf(out[j]) })
	return out, nil
}

func itemsOf(a Ambiguity) int64 {
	var n int64
	for _, it := range a.Items {
		n += it.Tickets + it.Events
	}
	return n
}

func addString(xs []string, x string) []string {
	for _, s := range xs {
		if s == x {
			return xs
		}
	}
	return append(xs, x)
}

func window[T any](xs []T, limit, offset int) []T {
	if offset > 0 {
		xs = xs[min(offset, len(xs)):]
	}
	if limit > 0 && len(xs) > limit {
		xs = xs[:limit]
	}
	return xs
}
