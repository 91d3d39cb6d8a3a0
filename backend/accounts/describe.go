package accounts

import (
	"slices"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// summer sums an account's identities into its row, one
// identity at a time, so that the members of thousands of accounts need
// not be held at once.
type summer struct {
	a       workspace.AccountRow
	custs   []cust
	emails  map[string]bool
	sources []string
	days    dayTotals
	scratch *[]workspace.Day // shared by the summers of one pass; nil: the summer's own
}

type cust struct {
	id, name, email string
	created         int64
}

// add sums identity m in.
func (s *summer) add(m *workspace.IdentSummary) {
	a, sum := &s.a, &m.Sum
	if s.emails == nil {
		s.emails = map[string]bool{}
	}
	for _, e := range m.Emails {
		s.emails[e] = true
	}
	for _, src := range sum.Sources {
		if !slices.Contains(s.sources, src.Value) {
			s.sources = append(s.sources, src.Value)
		}
	}
	switch {
	case strings.HasPrefix(m.Key, workspace.IdentCustomer):
		c := cust{id: m.Key[len(workspace.IdentCustomer):], name: sum.Name, created: sum.Created}
		if len(m.Emails) > 0 {
			c.email = m.Emails[0]
		}
		s.custs = append(s.custs, c)
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
		s.days.add(sum.Activity, s.scratch)
		if len(sum.Names) > 0 { // combined as they come: thousands of accounts are summed at once
			a.Names = workspace.SortNames(append(a.Names, sum.Names...))
		}
	}
}

// row is the account: name, contact, organisation domain, customers,
// sources, counts, dates and activity.
func (s *summer) row(id, anchor string, public *PublicDomains) workspace.AccountRow {
	a := s.a
	a.ID, a.Anchor = id, anchor
	a.Activity = s.days.packed(s.scratch)
	a.Names = workspace.SortNames(a.Names)
	custs := s.custs
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
			a.Name = c.name
		}
		if a.Email == "" {
			a.Email = c.email
		}
	}
	all := sortedKeys(s.emails)
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
	sort.Strings(s.sources)
	a.Sources = compact(s.sources)
	return a
}

// dayTotals adds up the days with events of an account's users.
type dayTotals struct {
	arr dayArray
	one []byte // the only list added, kept as it is
	n   int
}

func (t *dayTotals) add(packed []byte, scratch *[]workspace.Day) {
	if len(packed) == 0 {
		return
	}
	t.n++
	if t.n == 1 {
		t.one = packed
		return
	}
	t.arr.scratch = scratch
	if t.n == 2 {
		t.arr.add(t.one, 1)
		t.one = nil
	}
	t.arr.add(packed, 1)
}

// packed is the days, packed (workspace.EncodeDays).
func (t *dayTotals) packed(scratch *[]workspace.Day) []byte {
	if t.n <= 1 {
		return t.one
	}
	t.arr.scratch = scratch
	b, _ := t.arr.packed()
	return b
}

// dayArray is days with events on an array from the first: adding a
// member's days costs its days, where merging packed lists two at a time
// costs the square of the members. A day is there when it has events.
type dayArray struct {
	base         int32
	events, core []int32
	scratch      *[]workspace.Day // nil: its own
}

// add adds sign times the days packed; false when they do not decode.
func (t *dayArray) add(packed []byte, sign int32) bool {
	if t.scratch == nil {
		t.scratch = new([]workspace.Day)
	}
	days, err := workspace.DecodeDays(packed, (*t.scratch)[:0])
	*t.scratch = days
	if err != nil {
		return false
	}
	if len(days) == 0 {
		return true
	}
	lo, hi := days[0].Day, days[len(days)-1].Day
	if len(t.events) == 0 {
		t.base = lo
	}
	if lo < t.base {
		grow := int(t.base - lo)
		t.events = append(make([]int32, grow), t.events...)
		t.core = append(make([]int32, grow), t.core...)
		t.base = lo
	}
	if need := int(hi-t.base) + 1; need > len(t.events) {
		t.events = append(t.events, make([]int32, need-len(t.events))...)
		t.core = append(t.core, make([]int32, need-len(t.core))...)
	}
	for _, d := range days {
		i := d.Day - t.base
		t.events[i] += sign * d.Events
		t.core[i] += sign * d.Core
	}
	return true
}

// packed is the days, packed (nil for none); ok is false when a day went
// below zero or has core events and no events.
func (t *dayArray) packed() ([]byte, bool) {
	var days []workspace.Day
	if t.scratch != nil {
		days = (*t.scratch)[:0]
	}
	for i, ev := range t.events {
		c := t.core[i]
		switch {
		case ev < 0 || c < 0 || ev == 0 && c != 0:
			return nil, false
		case ev > 0:
			days = append(days, workspace.Day{Day: t.base + int32(i), Events: ev, Core: c})
		}
	}
	if t.scratch != nil {
		*t.scratch = days
	}
	if len(days) == 0 {
		return nil, true
	}
	return workspace.EncodeDays(days), true
}
