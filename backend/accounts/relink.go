package accounts

import (
	"context"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Units modes: what the product metrics count.
const (
	ModeAccounts = "accounts" // accounts (analytics users link to them)
	ModeUsers    = "users"    // analytics users: events exist but none links to an account
)

// forceFunc lets Merge, Split and Forget choose the ids of the accounts
// they make: identity or anchor key → id.
type forceFunc func(s *structure, idents []workspace.IdentLink) (map[string]string, error)

// relink links the accounts inside tx from the identities, the rules and
// the settings, and writes what changed: the identities whose account
// moved, and the accounts whose identities or sums changed since the
// generation linked last.
func relink(ctx context.Context, tx *workspace.LinkTx, p params, fp string, force forceFunc) error {
	rules, err := tx.AccountRules(ctx)
	if err != nil {
		return err
	}
	have, _, linked, err := tx.LinkedState(ctx)
	if err != nil {
		return err
	}
	gen, err := tx.LinkGen(ctx)
	if err != nil {
		return err
	}
	var sc scope
	ok := false
	if force == nil && !p.all && have == fp {
		if sc, ok, err = changedScope(ctx, tx, p, rules, linked, gen); err != nil {
			return err
		}
	}
	if !ok {
		if sc.idents, err = tx.IdentLinks(ctx, noSums); err != nil {
			return err
		}
	} else {
		partLinks++
	}
	idents := sc.idents
	s := link(linkInput{idents: idents, rules: rules, public: p.public, includeTest: p.includeTest})

	// Ids: the id most of an account's identities had, unless forced.
	var live []int32 // groups that are accounts (something joined them)
	var keys [][]string
	var anchors []string
	for g, gr := range s.groups {
		if len(gr.ident) == 0 {
			continue
		}
		live = append(live, int32(g))
		ks := []string{gr.anchor}
		for _, i := range gr.ident {
			ks = append(ks, idents[i].Key)
		}
		keys = append(keys, ks)
		anchors = append(anchors, gr.anchor)
	}
	memory := map[string]string{}
	for _, id := range idents {
		if id.Account != "" {
			memory[id.Key] = id.Account
		}
	}
	if err := legacy(ctx, tx, idents, memory); err != nil {
		return err
	}
	var forced map[string]string
	if force != nil {
		if forced, err = force(s, idents); err != nil {
			return err
		}
	}
	stored, err := tx.AccountAnchors(ctx)
	if err != nil {
		return err
	}
	// Part: the accounts of its identities are its own; the others' ids
	// stay taken.
	own := map[string]bool{}
	reserved := map[string]bool{}
	if sc.part {
		for _, id := range idents {
			own[id.Account] = true
		}
		for id := range stored {
			if !own[id] {
				reserved[id] = true
			}
		}
	}
	ids := make([]string, len(s.groups))
	for j, id := range assignIDs(keys, anchors, memory, forced, reserved) {
		ids[live[j]] = id
	}

	// What changed. An identity whose rows are gone keeps the account it
	// had, so that it gets it back if they return.
	dirty := map[string]bool{}
	var moved []workspace.IdentLink
	users, linkedUsers, usersChanged := 0, 0, false
	accOf := make([]string, len(idents))
	for i, id := range idents {
		if id.Rows == 0 {
			continue
		}
		acc := ""
		if g := s.of[i]; g >= 0 {
			acc = ids[g]
		}
		accOf[i] = acc
		isUser := strings.HasPrefix(id.Key, workspace.IdentUser)
		if isUser {
			users++
			if acc != "" {
				linkedUsers++
			}
		}
		if acc != id.Account || s.org[i] != id.Org {
			moved = append(moved, workspace.IdentLink{Key: id.Key, Test: id.Test, Account: acc, Org: s.org[i]})
			dirty[id.Account], dirty[acc] = true, true
			usersChanged = usersChanged || isUser
		}
		if id.Changed > linked {
			dirty[acc] = true
			usersChanged = usersChanged || isUser
		}
	}
	// Idents that left: their old account changes too.
	for _, id := range idents {
		if id.Rows == 0 && id.Changed > linked && id.Account != "" {
			dirty[id.Account] = true
			usersChanged = usersChanged || strings.HasPrefix(id.Key, workspace.IdentUser)
		}
	}
	// Part: identities outside it whose sums changed keep their accounts,
	// which are summed again.
	if sc.part {
		inside := map[string]bool{}
		for _, id := range idents {
			inside[id.Key] = true
		}
		var outside []string
		for _, k := range sc.sums {
			if !inside[k] {
				outside = append(outside, k)
			}
		}
		ls, err := tx.IdentLinksOf(ctx, outside)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.Changed > linked {
				dirty[l.Account] = true
				usersChanged = usersChanged || strings.HasPrefix(l.Key, workspace.IdentUser)
			}
		}
	}
	delete(dirty, "")
	if err := tx.SetLinks(ctx, moved); err != nil {
		return err
	}
	exists := map[string]bool{}
	anchorOf := map[string]string{}
	for _, g := range live {
		exists[ids[g]] = true
		anchorOf[ids[g]] = s.groups[g].anchor
	}
	var gone []string
	for id := range stored {
		if sc.part && !own[id] {
			exists[id] = true // outside the part: as it was
			anchorOf[id] = stored[id]
		} else if !exists[id] {
			gone = append(gone, id)
		}
	}
	if err := tx.DeleteAccounts(ctx, gone); err != nil {
		return err
	}
	var write []string
	for id := range dirty {
		if exists[id] {
			write = append(write, id)
		}
	}
	for id := range exists {
		if _, ok := stored[id]; !ok && !dirty[id] {
			write = append(write, id)
		}
	}
	sort.Strings(write)
	// The accounts to write, a few hundred at a time: their members are
	// read with their sums, summed, written and let go.
	for len(write) > 0 {
		n := min(len(write), 512)
		part := write[:n]
		write = write[n:]
		members := map[string][]workspace.IdentSummary{}
		err = tx.Members(ctx, part, func(acc string, m workspace.IdentSummary) error {
			members[acc] = append(members[acc], m)
			return nil
		})
		if err != nil {
			return err
		}
		rows := make([]workspace.AccountRow, len(part))
		for i, id := range part {
			rows[i] = describe(id, anchorOf[id], members[id], p.public)
		}
		if err := tx.PutAccounts(ctx, rows); err != nil {
			return err
		}
	}
	if usersChanged {
		uses, err := tx.EventNameUses(ctx)
		if err != nil {
			return err
		}
		if err := tx.SetEventNameUses(ctx, uses); err != nil {
			return err
		}
	}
	mode := ModeAccounts
	if sc.part {
		anyUsers, anyLinked, err := tx.UsersLinked(ctx)
		if err != nil {
			return err
		}
		if anyUsers && !anyLinked {
			mode = ModeUsers
		}
	} else if users > 0 && linkedUsers == 0 {
		mode = ModeUsers
	}
	return tx.SetLinkedState(ctx, fp, mode, gen)
}

// legacy fills the memory of identities linked before migration 0008
// from the keys they had then (customer:<id>, email:<address>).
func legacy(ctx context.Context, tx *workspace.LinkTx, idents []workspace.IdentLink, memory map[string]string) error {
	need := false
	for _, id := range idents {
		if id.Account == "" && id.Rows > 0 {
			need = true
			break
		}
	}
	if !need {
		return nil
	}
	old, err := tx.LegacyAccountIDs(ctx)
	if err != nil || len(old) == 0 {
		return err
	}
	for _, id := range idents {
		if memory[id.Key] != "" {
			continue
		}
		var k string
		switch {
		case strings.HasPrefix(id.Key, workspace.IdentCustomer):
			k = "customer:" + strings.SplitN(id.Key[len(workspace.IdentCustomer):], ":", 2)[1]
		case len(id.Emails) > 0:
			k = emailPrefix + id.Emails[0]
		}
		if a := old[k]; a != "" {
			memory[id.Key] = a
		}
	}
	return nil
}

// describe sums an account's identities into its row: name, contact,
// organisation domain, customers, sources, counts, dates and activity.
func describe(id, anchor string, ms []workspace.IdentSummary, public *PublicDomains) workspace.AccountRow {
	a := workspace.AccountRow{ID: id, Anchor: anchor}
	type cust struct {
		id      string
		created int64
		s       *workspace.IdentSummary
	}
	var custs []cust
	emails := map[string]bool{}
	var sources []string
	for i := range ms {
		m := &ms[i]
		sum := &m.Sum
		for _, e := range m.Emails {
			emails[e] = true
		}
		for _, s := range sum.Sources {
			sources = append(sources, s.Value)
		}
		switch {
		case strings.HasPrefix(m.Key, workspace.IdentCustomer):
			custs = append(custs, cust{id: m.Key[len(workspace.IdentCustomer):], created: sum.Created, s: m})
			a.FirstSeen = workspace.MinSet(workspace.MinSet(a.FirstSeen, sum.Created), sum.First)
			a.LastActivity = max(a.LastActivity, sum.Last)
		case strings.HasPrefix(m.Key, workspace.IdentGuest):
			a.FirstSeen = workspace.MinSet(a.FirstSeen, sum.First)
			a.LastActivity = max(a.LastActivity, sum.Last)
		case strings.HasPrefix(m.Key, workspace.IdentRequester):
			a.Tickets += sum.Rows
			a.LastActivity = max(a.LastActivity, sum.Last)
		case strings.HasPrefix(m.Key, workspace.IdentUser):
			a.Users++
			a.Events += sum.Rows
			a.FirstSeen = workspace.MinSet(a.FirstSeen, sum.First)
			a.LastActivity = max(a.LastActivity, sum.Last)
			a.Activity = workspace.MergeDays(a.Activity, sum.Activity)
			a.Names = append(a.Names, sum.Names...)
		}
	}
	a.Names = workspace.SortNames(a.Names)
	sort.Slice(custs, func(i, j int) bool {
		ci, cj := custs[i], custs[j]
		if (ci.created == 0) != (cj.created == 0) {
			return cj.created == 0
		}
		return ci.created < cj.created || ci.created == cj.created && ci.id < cj.id
	})
	for _, c := range custs {
		a.Customers = append(a.Customers, c.id)
		if a.Name == "" {
			a.Name = c.s.Sum.Name
		}
		if a.Email == "" && len(c.s.Emails) > 0 {
			a.Email = c.s.Emails[0]
		}
	}
	all := sortedKeys(emails)
	if a.Email == "" && len(all) > 0 {
		a.Email = all[0]
	}
	a.Emails = len(all)
	// The organisation domain: the one with the most addresses; on a tie,
	// the main contact's, else the first alphabetically. A product account
	// of an organisation is its domain.
	domains := map[string]int{}
	for _, e := range all {
		if d := backend.EmailDomain(e); !public.Has(d) {
			domains[d]++
		}
	}
	if d, ok := strings.CutPrefix(anchor, domainPrefix); ok {
		domains[d] += 0
	}
	best, own := -1, backend.EmailDomain(a.Email)
	for _, d := range sortedKeys(domains) {
		if n := domains[d]; n > best || n == best && d == own {
			a.Domain, best = d, n
		}
	}
	if a.Name == "" {
		a.Name = a.Domain
	}
	if a.Name == "" {
		a.Name = a.Email
	}
	sort.Strings(sources)
	a.Sources = compact(sources)
	return a
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
