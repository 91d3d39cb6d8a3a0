package accounts

import (
	"context"
	"slices"
	"sort"
	"strings"

	"keel/backend/workspace"
)

// Accounts whose members stayed the same and whose analytics users,
// requesters or guest payers only had their sums change are brought in
// step from those sums before and after, without reading the other
// members: counts, days and events by name add up; an earliest or latest
// date moves when the member's moves past it, and stays when the member's
// was not the account's. When a member's earliest or latest date that was
// the account's goes later or earlier (an undo), or a source leaves it,
// the account is summed again from its members (describe).

// applyDelta changes account a for one member going from o to n, and
// reports false when a must be summed again instead.
func applyDelta(a *workspace.AccountRow, days *dayArray, key string, o, n *workspace.Ident) bool {
	if o.Rows == 0 && n.Rows == 0 {
		return true
	}
	if o.Rows == 0 || n.Rows == 0 {
		return false // a member came or went: not a delta
	}
	ok := true
	first := func(acc *int64) { *acc, ok = lower(*acc, o.First, n.First, ok) }
	last := func(acc *int64) { *acc, ok = higher(*acc, o.Last, n.Last, ok) }
	switch {
	case strings.HasPrefix(key, workspace.IdentUser):
		a.Events += n.Rows - o.Rows
		first(&a.FirstSeen)
		last(&a.LastActivity)
		if ok {
			ok = days.add(o.Activity, -1) && days.add(n.Activity, 1)
		}
		if ok {
			a.Names, ok = shiftNames(a.Names, o.Names, n.Names)
		}
	case strings.HasPrefix(key, workspace.IdentRequester):
		a.Tickets += n.Rows - o.Rows
		last(&a.LastActivity)
	case strings.HasPrefix(key, workspace.IdentGuest):
		first(&a.FirstSeen)
		last(&a.LastActivity)
	case strings.HasPrefix(key, workspace.IdentCustomer):
		if o.Name != n.Name || o.Created != n.Created {
			return false // it may name the account, or come first in it
		}
		// Its earliest date is the earlier of its creation and first row.
		a.FirstSeen, ok = lower(a.FirstSeen, workspace.MinSet(o.Created, o.First), workspace.MinSet(n.Created, n.First), ok)
		last(&a.LastActivity)
	default:
		return false
	}
	if !ok {
		return false
	}
	for _, s := range o.Sources {
		if !slices.ContainsFunc(n.Sources, func(c workspace.Count) bool { return c.Value == s.Value }) {
			return false // whether another member has it is not known
		}
	}
	for _, s := range n.Sources {
		if i, found := slices.BinarySearch(a.Sources, s.Value); !found {
			a.Sources = slices.Insert(a.Sources, i, s.Value)
		}
	}
	return true
}

// takeBack changes account a for one member going from o to n in the
// undo of the import whose linking shifted a (its members stayed, and are
// back to their sums before it): the counts and days, which sums take
// back; its dates, names and tools are put back as that linking kept them.
func takeBack(a *workspace.AccountRow, days *dayArray, key string, o, n *workspace.Ident) bool {
	switch {
	case o.Rows == 0 && n.Rows == 0:
		return true
	case o.Rows == 0 || n.Rows == 0:
		return false // a member came or went: not a delta
	case strings.HasPrefix(key, workspace.IdentUser):
		a.Events += n.Rows - o.Rows
		return days.add(o.Activity, -1) && days.add(n.Activity, 1)
	case strings.HasPrefix(key, workspace.IdentRequester):
		a.Tickets += n.Rows - o.Rows
	case strings.HasPrefix(key, workspace.IdentCustomer):
		return o.Name == n.Name && o.Created == n.Created // as applyDelta
	case !strings.HasPrefix(key, workspace.IdentGuest):
		return false
	}
	return true
}

// still reports whether a member going from o to n leaves its account as
// it was, so that the account need not be read or written: a billing
// customer or guest payer with rows before and after whose dates, name,
// creation and tools stayed (applyDelta reads nothing else of them; how
// many rows it has is no account figure). The undo of a second export of
// the same customers changes only that.
func still(key string, o, n *workspace.Ident) bool {
	if !strings.HasPrefix(key, workspace.IdentCustomer) && !strings.HasPrefix(key, workspace.IdentGuest) {
		return false
	}
	if o.Rows == 0 || n.Rows == 0 || o.First != n.First || o.Last != n.Last || o.Created != n.Created || o.Name != n.Name ||
		len(o.Sources) != len(n.Sources) {
		return false
	}
	for _, s := range o.Sources {
		if !slices.ContainsFunc(n.Sources, func(c workspace.Count) bool { return c.Value == s.Value }) {
			return false
		}
	}
	return true
}

// lower is an account's earliest date (0 unknown) after one member's goes
// from o to n.
func lower(acc, o, n int64, ok bool) (int64, bool) {
	switch {
	case !ok || o == n:
		return acc, ok
	case n != 0 && (o == 0 || n < o):
		return workspace.MinSet(acc, n), true
	case o != 0 && acc != 0 && o > acc:
		return acc, true // the account's is another member's
	}
	return acc, false
}

// higher is an account's latest date after one member's goes from o to n.
func higher(acc, o, n int64, ok bool) (int64, bool) {
	switch {
	case !ok || o == n:
		return acc, ok
	case n > o:
		return max(acc, n), true
	case o < acc:
		return acc, true
	}
	return acc, false
}

// shiftNames is an account's events by name after one member's go from o
// to n (each sorted by name).
func shiftNames(acc, o, n []workspace.NameUse) ([]workspace.NameUse, bool) {
	find := func(us []workspace.NameUse, name int32) (workspace.NameUse, bool) {
		i, ok := slices.BinarySearchFunc(us, name, func(u workspace.NameUse, n int32) int { return int(u.Name) - int(n) })
		if !ok {
			return workspace.NameUse{}, false
		}
		return us[i], true
	}
	out := slices.Clone(acc)
	names := map[int32]bool{}
	for _, u := range o {
		names[u.Name] = true
	}
	for _, u := range n {
		names[u.Name] = true
	}
	for name := range names {
		ou, hadO := find(o, name)
		nu, hasN := find(n, name)
		i, inAcc := slices.BinarySearchFunc(out, name, func(u workspace.NameUse, n int32) int { return int(u.Name) - int(n) })
		switch {
		case !inAcc && hadO:
			return nil, false
		case !inAcc:
			out = slices.Insert(out, i, nu)
			continue
		}
		a := &out[i]
		a.Events += nu.Events - ou.Events
		switch {
		case a.Events < 0:
			return nil, false
		case a.Events == 0:
			out = slices.Delete(out, i, i+1)
			continue
		case !hadO:
			a.First, a.Last = min(a.First, nu.First), max(a.Last, nu.Last)
			continue
		}
		// The member had the name: its dates may leave the account's.
		if !hasN {
			if ou.First <= a.First || ou.Last >= a.Last {
				return nil, false
			}
			continue
		}
		if nu.First > ou.First && ou.First <= a.First || nu.Last < ou.Last && ou.Last >= a.Last {
			return nil, false
		}
		a.First, a.Last = min(a.First, nu.First), max(a.Last, nu.Last)
	}
	return out, true
}

// shiftAccounts brings the accounts of members (identities outside the
// part whose sums changed) in step from their sums before and after, and
// returns them; an account it cannot (or that dirty names already) is
// marked dirty, to be summed again. For an account kept (nil: none)
// before the import this linking undoes, its counts and days are taken
// back and the rest put back as kept (takeBack).
func shiftAccounts(ctx context.Context, tx *workspace.LinkTx, members []workspace.IdentLink, deltas map[workspace.IdentRef]workspace.Delta, dirty map[string]bool,
	kept func([]string) (map[string]workspace.AccountRow, error)) ([]workspace.AccountRow, *nameShift, error) {
	byAccount := map[string][]workspace.IdentLink{}
	ns := &nameShift{ok: true}
	for _, m := range members {
		if strings.HasPrefix(m.Key, workspace.IdentUser) {
			d, ok := deltas[workspace.IdentRef{Key: m.Key, Test: m.Test}]
			ns.users = append(ns.users, d)
			ns.ok = ns.ok && ok
		}
		if m.Account == "" {
			continue
		}
		if _, ok := deltas[workspace.IdentRef{Key: m.Key, Test: m.Test}]; !ok || dirty[m.Account] {
			dirty[m.Account] = true
			continue
		}
		byAccount[m.Account] = append(byAccount[m.Account], m)
	}
	var ids []string
	for id := range byAccount {
		if !dirty[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var back map[string]workspace.AccountRow
	if kept != nil {
		var err error
		if back, err = kept(ids); err != nil {
			return nil, nil, err
		}
	}
	var out []workspace.AccountRow
	days := &dayArray{} // one for all: thousands of accounts are shifted at once
	// A few hundred accounts at a time: their rows before are garbage once
	// shifted.
	for chunk := range slices.Chunk(ids, 512) {
		rows, err := tx.AccountRowsOf(ctx, chunk)
		if err != nil {
			return nil, nil, err
		}
		for _, id := range chunk {
			a, ok := rows[id]
			b, isBack := back[id]
			days.events, days.core = days.events[:0], days.core[:0]
			ok = ok && days.add(a.Activity, 1)
			for _, m := range byAccount[id] {
				if !ok {
					break
				}
				d := deltas[workspace.IdentRef{Key: m.Key, Test: m.Test}]
				if isBack {
					ok = takeBack(&a, days, m.Key, d.Old, d.New)
				} else {
					ok = applyDelta(&a, days, m.Key, d.Old, d.New)
				}
			}
			if ok {
				a.Activity, ok = days.packed()
			}
			if !ok {
				dirty[id] = true
				continue
			}
			if isBack {
				a.FirstSeen, a.LastActivity, a.Names, a.Sources = b.FirstSeen, b.LastActivity, b.Names, b.Sources
				putBack++
			}
			ns.accounts = append(ns.accounts, [2][]workspace.NameUse{rows[id].Names, a.Names})
			out = append(out, a)
		}
	}
	// Users of accounts summed again: their accounts' names before are not
	// known.
	for _, m := range members {
		if m.Account != "" && dirty[m.Account] && strings.HasPrefix(m.Key, workspace.IdentUser) {
			ns.ok = false
		}
	}
	return out, ns, nil
}

// putBack counts the accounts an undo put back as kept, namesBack the
// undos that put the event names' dates back (tests).
var putBack, namesBack int

// nameShift is what the users outside the part changed in the event
// names' counts: their sums before and after, and the names of their
// accounts before and after.
type nameShift struct {
	ok       bool
	users    []workspace.Delta
	accounts [][2][]workspace.NameUse
}

// shiftNameUses brings the event names' counts in step from ns (ok false:
// count them again from every user). In the undo of the import whose
// linking kept the names before it (before non-nil), the counts are taken
// back from the sums and the dates, which sums cannot take back, put back
// as kept.
func shiftNameUses(ctx context.Context, tx *workspace.LinkTx, ns *nameShift, before map[int32]workspace.NameUse) (map[int32]*workspace.NameStat, bool, error) {
	if ns == nil || !ns.ok {
		return nil, false, nil
	}
	stats, err := tx.EventNameStats(ctx)
	if err != nil {
		return nil, false, err
	}
	uses := func(us []workspace.NameUse) map[int32]workspace.NameUse {
		m := make(map[int32]workspace.NameUse, len(us))
		for _, u := range us {
			m[u.Name] = u
		}
		return m
	}
	for _, d := range ns.users {
		o, n := uses(d.Old.Names), uses(d.New.Names)
		if d.Old.Rows == 0 || d.New.Rows == 0 {
			return nil, false, nil // a user came or went: not a delta
		}
		for name := range merged(o, n) {
			ou, had := o[name]
			nu, has := n[name]
			s := stats[name]
			if s == nil {
				s = &workspace.NameStat{}
				stats[name] = s
			}
			s.Events += nu.Events - ou.Events
			switch {
			case before != nil:
				if has && !had {
					s.Users++
				} else if had && !has {
					s.Users--
				}
				continue
			case has && !had:
				if s.Users == 0 {
					s.First, s.Last = nu.First, nu.Last
				}
				s.Users++
				s.First, s.Last = min(s.First, nu.First), max(s.Last, nu.Last)
				continue
			case had && !has:
				s.Users--
				if s.Users > 0 && (ou.First <= s.First || ou.Last >= s.Last) {
					return nil, false, nil
				}
				continue
			}
			if nu.First > ou.First && ou.First <= s.First || nu.Last < ou.Last && ou.Last >= s.Last {
				return nil, false, nil
			}
			s.First, s.Last = min(s.First, nu.First), max(s.Last, nu.Last)
		}
	}
	for _, a := range ns.accounts {
		o, n := uses(a[0]), uses(a[1])
		for name := range merged(o, n) {
			_, had := o[name]
			_, has := n[name]
			if s := stats[name]; s != nil && had != has {
				if has {
					s.Accounts++
				} else {
					s.Accounts--
				}
			}
		}
	}
	for name, s := range stats {
		if s.Users <= 0 {
			delete(stats, name)
		}
	}
	if before != nil {
		// Back as before the import: the same names and counts, or they
		// are counted again.
		if len(stats) != len(before) {
			return nil, false, nil
		}
		for name, s := range stats {
			b, ok := before[name]
			if !ok || b.Events != s.Events {
				return nil, false, nil
			}
			s.First, s.Last = b.First, b.Last
		}
		namesBack++
	}
	return stats, true, nil
}

func merged[V any](a, b map[int32]V) map[int32]bool {
	out := make(map[int32]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
