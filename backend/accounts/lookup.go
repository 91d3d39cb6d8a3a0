package accounts

import (
	"context"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Lookup finds accounts by what people call them (an id, an address, a
// domain, a name) and tells the account of an analytics event, without
// the revenue engine: for the manual work log and the cost model, which
// name accounts in a few places and link millions of events.
type Lookup struct {
	names    map[string]string    // id → name
	contact  map[string][2]string // id → domain, main address
	byEmail  map[string]string    // address → account (its live key)
	byDomain map[string]string    // organisation domain → account, when one account has it
	byName   map[string]string    // lowercase name → account, when one account has it
	byUser   map[string]string    // analytics user (distinct id, else address) → account
}

// LoadLookup reads the accounts and their identities (linking first if
// stale), once per state of the links: a Lookup is never changed after it
// is read, so callers share it.
func LoadLookup(ctx context.Context, db *workspace.DB) (*Lookup, error) {
	mark, err := Version(ctx, db)
	if err != nil {
		return nil, err
	}
	v, err := db.Memo("accounts.lookup|"+mark, func() (any, error) { return readLookup(ctx, db) })
	if err != nil {
		return nil, err
	}
	return v.(*Lookup), nil
}

func readLookup(ctx context.Context, db *workspace.DB) (*Lookup, error) {
	l := &Lookup{names: map[string]string{}, contact: map[string][2]string{}, byEmail: map[string]string{}, byDomain: map[string]string{},
		byName: map[string]string{}, byUser: map[string]string{}}
	rows, err := db.Accounts(ctx, "")
	if err != nil {
		return nil, err
	}
	twice := map[string]bool{}
	unique := func(m map[string]string, k, id string) {
		if k == "" || twice[k] {
			return
		}
		if _, ok := m[k]; ok {
			delete(m, k)
			twice[k] = true
			return
		}
		m[k] = id
	}
	for _, r := range rows {
		l.names[r.ID] = r.Name
		l.contact[r.ID] = [2]string{r.Domain, r.Email}
		unique(l.byDomain, r.Domain, r.ID)
		unique(l.byName, "name:"+strings.ToLower(strings.TrimSpace(r.Name)), r.ID)
	}
	// An address belongs to the one account whose identities carry it.
	owners, err := db.EmailAccounts(ctx)
	if err != nil {
		return nil, err
	}
	for e, as := range owners {
		if len(as) == 1 {
			l.byEmail[e] = as[0]
		}
	}
	users, err := db.IdentAccounts(ctx, workspace.IdentUser)
	if err != nil {
		return nil, err
	}
	for k, a := range users {
		l.byUser[k[len(workspace.IdentUser):]] = a
	}
	return l, nil
}

// Name is an account's name, "" when there is no such account.
func (l *Lookup) Name(id string) string { return l.names[id] }

// Exists reports whether id is an account.
func (l *Lookup) Exists(id string) bool {
	_, ok := l.names[id]
	return ok
}

// Find resolves what someone called an account: its id, one of its
// addresses, its organisation domain or its exact name (any case).
func (l *Lookup) Find(ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if _, ok := l.names[ref]; ok {
		return ref, true
	}
	if e := backend.NormalizeEmail(ref); e != "" {
		a, ok := l.byEmail[e]
		return a, ok
	}
	if d := NormalizeDomain(ref); d != "" {
		if a, ok := l.byDomain[d]; ok {
			return a, true
		}
	}
	a, ok := l.byName["name:"+strings.ToLower(ref)]
	return a, ok
}

// Event is the account of an analytics event: its distinct id's, else
// (no distinct id) its address's; "" when unlinked.
func (l *Lookup) Event(distinct, email []byte) string {
	if len(distinct) == 0 {
		return l.byUser[string(email)]
	}
	return l.byUser[string(distinct)]
}

// Ticket is the account of a ticket's requester address, "" when unlinked.
func (l *Lookup) Ticket(requesterEmail string) string {
	return l.byEmail[backend.NormalizeEmail(requesterEmail)]
}

// IDs lists every account's id, in no particular order.
func (l *Lookup) IDs() []string {
	out := make([]string, 0, len(l.names))
	for id := range l.names {
		out = append(out, id)
	}
	return out
}

// Match is an account found by Search.
type Match struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Domain string `json:"domain"`
	Email  string `json:"email"`
}

// Search lists up to limit accounts whose name, domain or main address
// contains q (any case): names that start with q first, then by name.
func (l *Lookup) Search(q string, limit int) []Match {
	q = strings.ToLower(strings.TrimSpace(q))
	var first, rest []Match
	for id, name := range l.names {
		c := l.contact[id]
		n := strings.ToLower(name)
		m := Match{ID: id, Name: name, Domain: c[0], Email: c[1]}
		switch {
		case q == "" || strings.HasPrefix(n, q):
			first = append(first, m)
		case strings.Contains(n, q) || strings.Contains(c[0], q) || strings.Contains(c[1], q):
			rest = append(rest, m)
		}
	}
	byName := func(xs []Match) {
		sort.Slice(xs, func(i, j int) bool { return xs[i].Name < xs[j].Name || xs[i].Name == xs[j].Name && xs[i].ID < xs[j].ID })
	}
	byName(first)
	byName(rest)
	out := append(first, rest...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
