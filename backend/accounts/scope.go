package accounts

import (
	"context"
	"slices"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// scope is the identities a linking links: every one, or after imports and
// undos of this process only the part of the workspace they can affect.
type scope struct {
	idents []workspace.IdentLink // by key
	part   bool
	sums   []string // part: every key whose sum changed (inside the part or not)
	deltas map[workspace.IdentRef]workspace.Delta
	one    *workspace.OneChange // part: the one import or undo linked, if one
}

// maxPart is how many identities a part may hold, and maxMoved how many
// may have moved, before linking every identity is as quick.
const (
	maxPart  = 200_000
	maxMoved = 20_000
)

// changedScope is the part of the workspace that the imports and undos
// since the last linking can affect (ok false: link everything). The rule
// (link.go) links identities only through what they share: an address, a
// domain no public mail provider has, a key in a founder's rule; and an
// account's id comes from its members. So the part starts from the
// identities whose rows appeared or went or whose addresses or creation
// changed (with the addresses they had before), and takes in, until
// nothing is added: every identity with one of the part's addresses, or an
// address at one of its domains; every member of an account one of its
// identities was linked to; both sides of a rule that names one of its
// keys, addresses or domains. Identities outside it keep their links and
// their accounts keep their ids; the accounts of those whose sums changed
// are summed again.
func changedScope(ctx context.Context, tx *workspace.LinkTx, p params, rules []workspace.AccountRule, linked, gen int64) (scope, bool, error) {
	c, ok := tx.ChangesSince(linked, gen)
	if !ok || len(c.Moved) > maxMoved {
		return scope{}, false, nil
	}
	sc := scope{part: true, sums: c.Sums, deltas: c.Deltas, one: c.One}
	if len(c.Moved) == 0 {
		return sc, true, nil
	}
	var (
		keys, emails, domains, accts = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
		newKeys                      []string
		newEmails, newDomains        = map[string]bool{}, map[string]bool{}
		newAccts                     []string
	)
	domain := func(d string, always bool) {
		if (always || !p.public.Has(d)) && !domains[d] {
			domains[d], newDomains[d] = true, true
		}
	}
	address := func(e string) {
		if !emails[e] {
			emails[e], newEmails[e] = true, true
		}
		domain(backend.EmailDomain(e), false)
	}
	key := func(k string) {
		switch {
		case strings.HasPrefix(k, emailPrefix):
			address(k[len(emailPrefix):])
		case strings.HasPrefix(k, domainPrefix):
			domain(k[len(domainPrefix):], true)
		case !keys[k]:
			newKeys = append(newKeys, k)
		}
	}
	for k, before := range c.Moved {
		key(k)
		for _, e := range before {
			address(e)
		}
	}
	// names reports whether a rule's key is in the part.
	names := func(k string) bool {
		switch {
		case k == "":
			return false
		case strings.HasPrefix(k, emailPrefix):
			return emails[k[len(emailPrefix):]]
		case strings.HasPrefix(k, domainPrefix):
			return domains[k[len(domainPrefix):]]
		}
		return keys[k]
	}
	var idents []workspace.IdentLink
	for len(newKeys)+len(newEmails)+len(newDomains)+len(newAccts) > 0 {
		if len(keys) > maxPart {
			return scope{}, false, nil
		}
		var fresh []string
		for _, k := range newKeys {
			if !keys[k] {
				keys[k] = true
				fresh = append(fresh, k)
			}
		}
		newKeys = nil
		ls, err := tx.IdentLinksOf(ctx, fresh)
		if err != nil {
			return scope{}, false, err
		}
		for _, l := range ls {
			idents = append(idents, l)
			for _, e := range l.Emails {
				address(e)
			}
			if l.Org != "" {
				domain(l.Org, false)
			}
			if l.Account != "" && !accts[l.Account] {
				accts[l.Account] = true
				newAccts = append(newAccts, l.Account)
			}
		}
		for _, r := range rules {
			if names(r.A) || names(r.B) {
				key(r.A)
				if r.B != "" {
					key(r.B)
				}
			}
		}
		found, err := tx.KeysWithAddresses(ctx, newEmails, newDomains)
		if err != nil {
			return scope{}, false, err
		}
		newEmails, newDomains = map[string]bool{}, map[string]bool{}
		members, err := tx.AccountKeys(ctx, newAccts)
		if err != nil {
			return scope{}, false, err
		}
		newAccts = nil
		for _, k := range append(found, members...) {
			key(k)
		}
	}
	slices.SortFunc(idents, byKey)
	sc.idents = idents
	return sc, true, nil
}

// partLinks counts the linkings of a part (tests check the part was linked).
var partLinks int
