package accounts

import (
	"context"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Rule is one of the founder's merges, attachments or splits.
type Rule struct {
	Seq  int64  `json:"seq"`
	Kind string `json:"kind"` // merge | split (an attachment is a merge with an address or a domain)
	A    string `json:"a"`    // key: customer:<source>:<id>, guest:<address>, email:<address>, domain:<name>
	B    string `json:"b"`    // merge: the other key; split: ""
	At   int64  `json:"at"`   // unix seconds
}

// Rules lists the founder's rules, oldest first.
func Rules(ctx context.Context, db *workspace.DB) ([]Rule, error) {
	rs, err := db.AccountRules(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Rule, len(rs))
	for i, r := range rs {
		out[i] = Rule{Seq: r.Seq, Kind: r.Kind, A: r.A, B: r.B, At: r.At}
	}
	return out, nil
}

// Merge makes accounts a and b one account, which keeps a's id. The merge
// is stored and applied again after every import; forgetting it gives b
// its id back.
func Merge(ctx context.Context, db *workspace.DB, a, b string) (*Detail, error) {
	if a == b {
		return nil, backend.Errorf(backend.Invalid, "Pick two different accounts to merge.")
	}
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	anchorA, err := anchorKey(ctx, db, a)
	if err != nil {
		return nil, err
	}
	anchorB, err := anchorKey(ctx, db, b)
	if err != nil {
		return nil, err
	}
	r := workspace.AccountRule{Kind: "merge", A: anchorA, B: anchorB, Back: b}
	err = changeRules(ctx, db, r, func(s *structure, idents []workspace.IdentLink) (map[string]string, error) {
		return groupIDs(s, idents, anchorA, a), nil
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, a)
}

// Attach links an address or a domain (an unlinked requester, the choice
// for an ambiguous one, a second domain of the company) to an account. A
// public mail domain cannot be attached: attach the address.
func Attach(ctx context.Context, db *workspace.DB, accountID, emailOrDomain string) (*Detail, error) {
	key, ok := keyFor(emailOrDomain)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%q is neither an email address nor a domain.", emailOrDomain)
	}
	if err := Ensure(ctx, db); err != nil {
		return nil, err
	}
	public, err := LoadPublicDomains(db)
	if err != nil {
		return nil, err
	}
	if d, ok := strings.CutPrefix(key, domainPrefix); ok && public.Has(d) {
		return nil, backend.Errorf(backend.Invalid, "%s is a public mail domain shared by unrelated people; attach the address instead.", d)
	}
	anchor, err := anchorKey(ctx, db, accountID)
	if err != nil {
		return nil, err
	}
	// The account that has the address now, if another, gets it back on undo.
	other := ""
	if e, ok := strings.CutPrefix(key, emailPrefix); ok {
		idents, err := db.IdentLinks(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range idents {
			if id.Rows > 0 && id.Account != "" && id.Account != accountID && len(id.Emails) > 0 && id.Emails[0] == e {
				other = id.Account
				break
			}
		}
	}
	// When nothing carries the key yet, the rule waits for it.
	r := workspace.AccountRule{Kind: "merge", A: anchor, B: key, Back: other}
	err = changeRules(ctx, db, r, func(s *structure, idents []workspace.IdentLink) (map[string]string, error) {
		return groupIDs(s, idents, anchor, accountID), nil
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, db, accountID)
}

// Split takes an address, a domain or a billing customer (as the account
// lists it: stripe:cus_…) out of an account: a customer becomes an account
// of its own, an address or a domain stops linking to it (a product user
// there becomes an account of its own, a requester is unlinked). It
// returns the account as it remains and the new one (nil when what was
// split off is not an account).
func Split(ctx context.Context, db *workspace.DB, accountID, what string) (kept, split *Detail, err error) {
	if err := Ensure(ctx, db); err != nil {
		return nil, nil, err
	}
	members, err := db.AccountIdents(ctx, accountID)
	if err != nil {
		return nil, nil, err
	}
	if len(members) == 0 {
		return nil, nil, notFound(accountID)
	}
	key, ok := splitKey(what, members)
	if !ok {
		return nil, nil, backend.Errorf(backend.Invalid, "%q is neither an email address, a domain nor one of this account's billing customers.", what)
	}
	touches := false
	for _, m := range members {
		touches = touches || splitTouches(key, m)
	}
	if !touches {
		return nil, nil, backend.Errorf(backend.Invalid, "%s is not part of this account.", what)
	}
	splitID := newID(key)
	r := workspace.AccountRule{Kind: "split", A: key, Back: accountID}
	err = changeRules(ctx, db, r, func(s *structure, idents []workspace.IdentLink) (map[string]string, error) {
		// The account keeps the group most of what the split does not take
		// ended in; the first other group is the split-off account.
		stay := map[int32]int{}
		var groups []int32
		unlinked := false
		for i, id := range idents {
			if id.Account != accountID || id.Rows == 0 {
				continue
			}
			g := s.of[i]
			if g < 0 {
				unlinked = true
				continue
			}
			if !containsGroup(groups, g) {
				groups = append(groups, g)
			}
			if !splitTouches(key, id) {
				stay[g]++
			}
		}
		if len(groups) < 2 && !unlinked {
			return nil, backend.Errorf(backend.Conflict, "%s cannot be split from this account: it is what holds the account together (its billing customer or its own address).", what)
		}
		sort.Slice(groups, func(i, j int) bool {
			a, b := groups[i], groups[j]
			return stay[a] > stay[b] || stay[a] == stay[b] && a < b
		})
		forced := map[string]string{}
		setGroup(forced, s, idents, groups[0], accountID)
		if len(groups) > 1 {
			setGroup(forced, s, idents, groups[1], splitID)
		}
		return forced, nil
	})
	if err != nil {
		return nil, nil, err
	}
	kept, err = Get(ctx, db, accountID)
	if err != nil {
		return nil, nil, err
	}
	split, err = Get(ctx, db, splitID)
	if backend.ErrorCode(err) == backend.NotFound {
		return kept, nil, nil
	}
	return kept, split, err
}

// splitKey reads what a founder split off: an address, a domain, or one
// of the account's billing customers.
func splitKey(what string, members []workspace.IdentLink) (string, bool) {
	w := strings.TrimSpace(what)
	for _, m := range members {
		if strings.HasPrefix(m.Key, workspace.IdentCustomer) && (m.Key == w || m.Key[len(workspace.IdentCustomer):] == w) {
			return m.Key, true
		}
	}
	return keyFor(w)
}

// splitTouches reports whether splitting key concerns identity id: it is
// the key, or carries the address, or an address at the domain.
func splitTouches(key string, id workspace.IdentLink) bool {
	if id.Key == key {
		return true
	}
	for _, e := range id.Emails {
		if key == emailPrefix+e || key == domainPrefix+backend.EmailDomain(e) {
			return true
		}
	}
	return false
}

// Forget removes a merge, an attachment or a split; the accounts are linked
// again without it, in the same transaction, and get back the ids they had
// before it: after undoing a merge both accounts keep their own ids, after
// undoing a split the account has its id again (else the side with more
// identities would win the id by vote and the other would get a new one).
func Forget(ctx context.Context, db *workspace.DB, seq int64) error {
	if err := Ensure(ctx, db); err != nil {
		return err
	}
	refreshMu.Lock()
	defer refreshMu.Unlock()
	p, err := readParams(db)
	if err != nil {
		return err
	}
	return inTx(ctx, db, func(tx *workspace.LinkTx) error {
		idents, err := tx.IdentLinks(ctx, noSums)
		if err != nil {
			return err
		}
		r, ok, err := tx.DeleteRule(ctx, seq)
		if err != nil {
			return err
		}
		if !ok {
			return backend.Errorf(backend.NotFound, "There is no account rule number %d.", seq)
		}
		stays := "" // the merged account's id, which the first side keeps
		if r.Kind == "merge" {
			if stays, err = holder(ctx, tx, idents, r.A); err != nil {
				return err
			}
		}
		rules, err := tx.AccountRules(ctx)
		if err != nil {
			return err
		}
		return relink(ctx, tx, p, p.fingerprint(rules), func(s *structure, idents []workspace.IdentLink) (map[string]string, error) {
			forced := map[string]string{}
			switch r.Kind {
			case "merge":
				ga, okA := s.byKey[r.A]
				if stays != "" && okA {
					setGroup(forced, s, idents, ga, stays)
				}
				if gb, okB := s.byKey[r.B]; r.Back != "" && okB && (!okA || ga != gb) {
					setGroup(forced, s, idents, gb, r.Back)
				}
			case "split":
				// The account the key was split from is where its own
				// identities are again.
				for i, id := range idents {
					if r.Back != "" && id.Account == r.Back && id.Rows > 0 && s.of[i] >= 0 {
						setGroup(forced, s, idents, s.of[i], r.Back)
						break
					}
				}
			}
			return forced, nil
		})
	})
}

// noSums asks LinkTx.IdentLinks for no identity's sum.
const noSums = 1 << 62

// holder is the account that holds key (an identity, or an account's
// anchor) now, "" for none.
func holder(ctx context.Context, tx *workspace.LinkTx, idents []workspace.IdentLink, key string) (string, error) {
	for _, id := range idents {
		if id.Key == key && id.Account != "" {
			return id.Account, nil
		}
	}
	anchors, err := tx.AccountAnchors(ctx)
	if err != nil {
		return "", err
	}
	for id, a := range anchors {
		if a == key {
			return id, nil
		}
	}
	return "", nil
}

// groupIDs forces every key of the account holding anchor to id.
func groupIDs(s *structure, idents []workspace.IdentLink, anchor, id string) map[string]string {
	forced := map[string]string{}
	if g, ok := s.byKey[anchor]; ok {
		setGroup(forced, s, idents, g, id)
	}
	return forced
}

func setGroup(forced map[string]string, s *structure, idents []workspace.IdentLink, g int32, id string) {
	forced[s.groups[g].anchor] = id
	for _, i := range s.groups[g].ident {
		forced[idents[i].Key] = id
	}
}

// changeRules stores r and links the accounts again in one transaction.
func changeRules(ctx context.Context, db *workspace.DB, r workspace.AccountRule, force forceFunc) error {
	refreshMu.Lock()
	defer refreshMu.Unlock()
	p, err := readParams(db)
	if err != nil {
		return err
	}
	return inTx(ctx, db, func(tx *workspace.LinkTx) error {
		r.At = db.Now().Unix()
		if _, err := tx.AddRule(ctx, r); err != nil {
			return err
		}
		rules, err := tx.AccountRules(ctx)
		if err != nil {
			return err
		}
		return relink(ctx, tx, p, p.fingerprint(rules), force)
	})
}

// anchorKey is the key that names an account in a rule.
func anchorKey(ctx context.Context, db *workspace.DB, id string) (string, error) {
	a, ok, err := db.Account(ctx, id)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", notFound(id)
	}
	return a.Anchor, nil
}

func notFound(id string) error {
	return backend.Errorf(backend.NotFound, "There is no account %q (it may have been merged into another).", id)
}

func containsGroup(gs []int32, g int32) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}
