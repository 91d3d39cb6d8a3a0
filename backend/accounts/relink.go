package accounts

import (
	"context"
	"sort"
	"strings"

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

// manyAccounts is how many accounts to write makes reading their members
// in one pass over every identity quicker than looking them up.
var manyAccounts = 2000

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
	for i, id := range idents {
		if id.Rows == 0 {
			continue
		}
		acc := ""
		if g := s.of[i]; g >= 0 {
			acc = ids[g]
		}
		isUser := strings.HasPrefix(id.Key, workspace.IdentUser)
		if isUser {
			users++
			if acc != "" {
				linkedUsers++
			}
		}
		if acc != id.Account || s.orgOf(i) != id.Org {
			moved = append(moved, workspace.IdentLink{Key: id.Key, Test: id.Test, Account: acc, Org: s.orgOf(i)})
			dirty[id.Account], dirty[acc] = true, true
			usersChanged = usersChanged || isUser
		}
		if id.Changed > linked {
			dirty[acc] = true
			usersChanged = usersChanged || isUser
		}
	}
	// Idents that left: their old account changes too, and a user that
	// left changes the event names' counts even when it had no account.
	for _, id := range idents {
		if id.Rows == 0 && id.Changed > linked {
			if id.Account != "" {
				dirty[id.Account] = true
			}
			usersChanged = usersChanged || strings.HasPrefix(id.Key, workspace.IdentUser)
		}
	}
	// Part: identities outside it whose sums changed keep their accounts,
	// which are shifted by the change (delta.go) or summed again.
	var shifted []workspace.AccountRow
	var names *nameShift
	// The event names' counts kept before the import this linking undoes.
	var namesBefore map[int32]workspace.NameUse
	partUsers := usersChanged // users inside the part changed
	if sc.part {
		inside := map[string]bool{}
		for _, id := range idents {
			inside[id.Key] = true
		}
		// Those whose every change leaves their account as it was
		// (still) are left out: neither they nor their accounts are read.
		stays := map[string]bool{}
		for ref, d := range sc.deltas {
			s, seen := stays[ref.Key]
			stays[ref.Key] = (!seen || s) && still(ref.Key, d.Old, d.New)
		}
		var outside []string
		for _, k := range sc.sums {
			if !inside[k] && !stays[k] {
				outside = append(outside, k)
			}
		}
		ls, err := tx.IdentLinksOf(ctx, outside)
		if err != nil {
			return err
		}
		var shift []workspace.IdentLink
		for _, l := range ls {
			if l.Changed > linked {
				shift = append(shift, l)
				usersChanged = usersChanged || strings.HasPrefix(l.Key, workspace.IdentUser)
			}
		}
		var kept func([]string) (map[string]workspace.AccountRow, error)
		if sc.one != nil && sc.one.Undo {
			kept = func(ids []string) (map[string]workspace.AccountRow, error) {
				return tx.AccountsBefore(ctx, ids, linked, sc.one.Import)
			}
		}
		if shifted, names, err = shiftAccounts(ctx, tx, shift, sc.deltas, dirty, kept); err != nil {
			return err
		}
		if kept != nil {
			if namesBefore, err = tx.NamesBefore(ctx, linked, sc.one.Import); err != nil {
				return err
			}
		}
	}
	delete(dirty, "")
	// The accounts kept before an import serve its undo only when that is
	// the next change: any linking forgets them, the linking of one
	// import keeps those it shifts (their members stay, so its undo gives
	// each back as it was).
	if err := tx.ForgetAccountsBefore(ctx); err != nil {
		return err
	}
	if sc.part && sc.one != nil && !sc.one.Undo && len(shifted) > 0 {
		ids := make([]string, len(shifted))
		for i, a := range shifted {
			ids[i] = a.ID
		}
		if err := tx.SaveAccountsBefore(ctx, ids, gen, sc.one.Import); err != nil {
			return err
		}
	}
	if sc.part && sc.one != nil && !sc.one.Undo && usersChanged {
		if err := tx.SaveNamesBefore(ctx, gen, sc.one.Import); err != nil {
			return err
		}
	}
	if err := tx.PutAccounts(ctx, shifted); err != nil {
		return err
	}
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
	// The accounts to write, summed one member at a time: a few hundred
	// accounts per query, or all of them in one pass over the identities
	// when there are many.
	members := tx.Members
	batch := 512
	if len(write) > manyAccounts {
		members, batch = tx.MembersInOrder, len(write)
	}
	for len(write) > 0 {
		n := min(len(write), batch)
		part := write[:n]
		write = write[n:]
		sums := make(map[string]*summer, n)
		scratch := new([]workspace.Day)
		for _, id := range part {
			sums[id] = &summer{scratch: scratch}
		}
		err = members(ctx, part, func(acc string, m workspace.IdentSummary) error {
			sums[acc].add(&m)
			return nil
		})
		if err != nil {
			return err
		}
		for len(part) > 0 {
			k := min(len(part), 512)
			rows := make([]workspace.AccountRow, k)
			for i, id := range part[:k] {
				rows[i] = sums[id].row(id, anchorOf[id], p.public)
				delete(sums, id)
			}
			part = part[k:]
			if err := tx.PutAccounts(ctx, rows); err != nil {
				return err
			}
		}
	}
	if usersChanged {
		var uses map[int32]*workspace.NameStat
		ok := false
		if !partUsers {
			if uses, ok, err = shiftNameUses(ctx, tx, names, namesBefore); err != nil {
				return err
			}
		}
		if !ok {
			if uses, err = tx.EventNameUses(ctx); err != nil {
				return err
			}
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

func compact(xs []string) []string {
	out := xs[:0]
	for _, x := range xs {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}
