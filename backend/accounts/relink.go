package accounts

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"keel/backend"
)

// account is one computed account before it is written.
type account struct {
	id, anchor          string
	keys                []string
	name, domain, email string
	customers, sources  []string
	emails, users       int
	tickets, events     int64
	firstSeen, lastSeen int64
	days                []Day
	names               []NameUse
}

// forceFunc lets Merge and Split choose the ids of the groups they make.
type forceFunc func(l *linker, groups []group, of []int32) (map[string]string, error)

// Units modes: what the product metrics count.
const (
	ModeAccounts = "accounts" // accounts (analytics users link to them)
	ModeUsers    = "users"    // analytics users: events exist but none links to an account
)

// relink computes the accounts from the inputs and writes them with their
// keys. It returns the accounts and the product mode.
func relink(ctx context.Context, tx *sql.Tx, in *inputs, force forceFunc) ([]*account, string, error) {
	l := newLinker()
	ids := make([]string, 0, len(in.customers))
	for id := range in.customers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := in.customers[id]
		cn := l.node(customerPrefix+id, true)
		for _, e := range c.emails {
			l.same(cn, l.node(emailPrefix+e, false))
		}
	}
	for _, e := range sortedKeys(in.billing) {
		l.node(emailPrefix+e, true)
	}
	for _, u := range in.users {
		if u.email != "" {
			l.node(emailPrefix+u.email, true)
		}
	}
	for _, e := range sortedKeys(in.tickets) {
		l.node(emailPrefix+e, false)
	}
	groups, of := l.link(in.rules)

	var accs []*account
	accOf := make([]*account, len(groups))
	for g, gr := range groups {
		if !gr.seeded {
			continue
		}
		a := &account{}
		for _, nd := range gr.nodes {
			a.keys = append(a.keys, l.keys[nd])
		}
		a.anchor = anchorOf(a.keys)
		accs = append(accs, a)
		accOf[g] = a
	}
	var forced map[string]string
	if force != nil {
		var err error
		if forced, err = force(l, groups, of); err != nil {
			return nil, "", err
		}
	}
	keys := make([][]string, len(accs))
	anchors := make([]string, len(accs))
	for i, a := range accs {
		keys[i], anchors[i] = a.keys, a.anchor
	}
	for i, id := range assignIDs(keys, anchors, in.memory, forced) {
		accs[i].id = id
	}
	for _, a := range accs {
		a.describe(in)
	}
	linked := 0
	for _, u := range in.users {
		if u.email == "" {
			continue
		}
		a := accOf[of[l.index[emailPrefix+u.email]]]
		if a == nil {
			continue
		}
		linked++
		if err := a.addUser(u); err != nil {
			return nil, "", err
		}
	}
	for _, a := range accs {
		a.days, a.names = sortDays(a.days), sortNames(a.names)
	}
	mode := ModeAccounts
	if len(in.users) > 0 && linked == 0 {
		mode = ModeUsers
	}
	sort.Slice(accs, func(i, j int) bool { return accs[i].id < accs[j].id })
	return accs, mode, writeAccounts(ctx, tx, accs)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// describe fills the name, contact, domain, sources, counts and dates
// from the account's keys.
func (a *account) describe(in *inputs) {
	var custs []*custIn
	domains := map[string]int{}
	var emails []string
	for _, k := range a.keys {
		switch {
		case strings.HasPrefix(k, customerPrefix):
			custs = append(custs, in.customers[k[len(customerPrefix):]])
		case strings.HasPrefix(k, emailPrefix):
			e := k[len(emailPrefix):]
			emails = append(emails, e)
			if d := EmailDomain(e); !PublicDomain(d) {
				domains[d]++
			}
			if b := in.billing[e]; b != nil {
				a.sources = append(a.sources, b.sources...)
				a.firstSeen = minSet(a.firstSeen, b.first)
				a.lastSeen = max(a.lastSeen, b.last)
			}
			if t := in.tickets[e]; t != nil {
				a.tickets += t.tickets
				a.sources = append(a.sources, t.sources...)
				a.lastSeen = max(a.lastSeen, t.last)
			}
		case strings.HasPrefix(k, domainPrefix):
			if _, ok := domains[k[len(domainPrefix):]]; !ok {
				domains[k[len(domainPrefix):]] = 0
			}
		}
	}
	a.emails = len(emails)
	sort.Slice(custs, func(i, j int) bool {
		ci, cj := custs[i], custs[j]
		if (ci.created == 0) != (cj.created == 0) {
			return cj.created == 0
		}
		return ci.created < cj.created || ci.created == cj.created && ci.id < cj.id
	})
	for _, c := range custs {
		a.customers = append(a.customers, c.id)
		a.sources = append(a.sources, c.sources...)
		a.firstSeen = minSet(minSet(a.firstSeen, c.created), c.first)
		a.lastSeen = max(a.lastSeen, c.last)
		if a.name == "" {
			a.name = c.name
		}
		if a.email == "" && len(c.emails) > 0 {
			a.email = c.emails[0]
		}
	}
	// The organisation domain: the one with the most addresses; on a tie,
	// the main contact's, else the first alphabetically.
	best, own := -1, EmailDomain(a.email)
	for d, n := range domains {
		if n > best || n == best && (d == own || a.domain != own && d < a.domain) {
			a.domain, best = d, n
		}
	}
	if a.email == "" && len(emails) > 0 {
		sort.Strings(emails)
		a.email = emails[0]
	}
	if a.name == "" {
		a.name = a.domain
	}
	if a.name == "" {
		a.name = a.email
	}
	sort.Strings(a.sources)
	a.sources = compact(a.sources)
}

func compact(xs []string) []string {
	out := xs[:0]
	for _, x := range xs {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}

// minSet is the smaller of a and b, where 0 means unset.
func minSet(a, b int64) int64 {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

func (a *account) addUser(u userIn) error {
	a.users++
	a.events += u.events
	a.firstSeen = minSet(a.firstSeen, u.first)
	a.lastSeen = max(a.lastSeen, u.last)
	for _, s := range splitSources(u.sources) {
		a.sources = addSource(a.sources, s)
	}
	sort.Strings(a.sources)
	var err error
	if a.days, err = decodeDays(u.activity, a.days); err != nil {
		return backend.Errorf(backend.Internal, "analytics user %q: %v", u.distinct, err)
	}
	if a.names, err = decodeNames(u.names, a.names); err != nil {
		return backend.Errorf(backend.Internal, "analytics user %q: %v", u.distinct, err)
	}
	return nil
}

func nullTime(t int64) any {
	if t == 0 {
		return nil
	}
	return t
}

func writeAccounts(ctx context.Context, tx *sql.Tx, accs []*account) error {
	fail := func(err error) error { return backend.Errorf(backend.Internal, "write accounts: %v", err) }
	for _, q := range []string{"DELETE FROM accounts", "UPDATE account_keys SET live = 0 WHERE live = 1", "UPDATE event_names SET accounts = 0"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fail(err)
		}
	}
	insAcc, err := tx.PrepareContext(ctx, `INSERT INTO accounts(id, name, domain, email, customers, sources, emails, users, tickets, events,
		first_seen, last_activity, activity, names) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return fail(err)
	}
	defer insAcc.Close()
	insKey, err := tx.PrepareContext(ctx, `INSERT INTO account_keys(key, account, live) VALUES(?,?,1)
		ON CONFLICT(key) DO UPDATE SET account = excluded.account, live = 1`)
	if err != nil {
		return fail(err)
	}
	defer insKey.Close()
	perName := map[int32]int64{}
	for _, a := range accs {
		_, err := insAcc.ExecContext(ctx, a.id, a.name, a.domain, a.email, strings.Join(a.customers, " "), strings.Join(a.sources, " "),
			a.emails, a.users, a.tickets, a.events, nullTime(a.firstSeen), nullTime(a.lastSeen), encodeDays(a.days), encodeNames(a.names))
		if err != nil {
			return fail(err)
		}
		for _, k := range a.keys {
			if _, err := insKey.ExecContext(ctx, k, a.id); err != nil {
				return fail(err)
			}
		}
		for _, u := range a.names {
			perName[u.Name]++
		}
	}
	for id, n := range perName {
		if _, err := tx.ExecContext(ctx, "UPDATE event_names SET accounts = ? WHERE id = ?", n, id); err != nil {
			return fail(err)
		}
	}
	return nil
}
