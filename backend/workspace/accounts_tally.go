package workspace

import (
	stdcmp "cmp"
	"slices"
	"strings"
	"time"

	"keel/backend"
)

// linkTable names the columns of a record table that tell who a row is
// about and when (migration 0008); a row's values for them are handed to
// tallies.add in this order.
type linkTable struct {
	cols []string
	at   []int // their places in the table's values (table.cols)
}

var linkTables = map[string]*linkTable{
	"customers":     {cols: []string{"source", "id", "email", "name", "description", "created", "test"}},
	"subscriptions": {cols: []string{"source", "customer_id", "customer_email", "start", "created", "test"}},
	"invoices":      {cols: []string{"source", "customer_id", "customer_email", "date", "test"}},
	"payments":      {cols: []string{"source", "customer_id", "customer_email", "created", "test"}},
	"tickets":       {cols: []string{"source", "requester_email", "created"}},
	"events":        {cols: []string{"source", "distinct_id", "email", "name", "time"}},
}

// linkOrder lists the tables in linkTables in a fixed order.
var linkOrder = []string{"customers", "subscriptions", "invoices", "payments", "tickets", "events"}

func init() {
	for name, lt := range linkTables {
		t := tableByName(name)
		for _, c := range lt.cols {
			i := indexOf(t.cols, c)
			if i < 0 {
				panic("workspace: " + name + " has no column " + c)
			}
			lt.at = append(lt.at, i)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

// Identity key prefixes.
const (
	IdentCustomer  = "customer:"  // customer:<source>:<id>
	IdentGuest     = "guest:"     // guest:<address>: billing rows without a customer id
	IdentRequester = "requester:" // requester:<address>, requester: for tickets without one
	IdentUser      = "user:"      // user:<distinct id, else the address its events carry>
)

// identKey names one identity; test marks test-mode billing rows.
type identKey struct {
	key  string
	test bool
}

// tallies sums the rows of one import by identity. Rows are told apart
// by their raw values (no key built per row): billing customers by source
// and id, the others by address or distinct id.
type tallies struct {
	imp       int64
	clock     *dayClock
	core      map[string]bool
	names     *eventNames
	customers map[custKey]*tally
	guests    map[identKey]*tally
	requester *flatIndex // address → its place in reqs
	reqs      []reqTally
	srcs      []string          // the sources of reqs, each once
	reqMore   map[int32][]Count // a requester's tickets from sources beyond its first (rare)
	users     *userTable
	norm      map[string]string // raw address → NormalizeEmail
	only      map[identKey]bool // when set, the identities to sum (a part recomputed); others are skipped
}

type custKey struct {
	source, id string
	test       bool
}

func newTallies(imp int64, loc *time.Location, core []string, names *eventNames) *tallies {
	t := &tallies{imp: imp, clock: newDayClock(loc), core: map[string]bool{}, names: names,
		customers: map[custKey]*tally{}, guests: map[identKey]*tally{}, requester: newFlatIndex(),
		users: newUserTable(), norm: map[string]string{}}
	for _, c := range core {
		t.core[c] = true
	}
	return t
}

// reqTally is a requester's sum while tickets come in, kept flat in one
// slice: an import of 500,000 tickets has a hundred thousand requesters,
// and a tally (an Ident) each held five times the memory and as many
// objects for the collector to mark.
type reqTally struct {
	rows, first, last int64
	srcN              int64 // its tickets from srcs[src]
	src               int32 // its first ticket's source in srcs, -1 none yet
}

// tally is a billing identity's sum while rows come in.
type tally struct {
	Ident
}

func (t *tallies) address(v any) string {
	s := str(v)
	if s == "" {
		return ""
	}
	if n, ok := t.norm[s]; ok {
		return n
	}
	// Values kept past the row are copied: they point into the file's
	// read buffer otherwise, and would keep all of it alive.
	n := strings.Clone(backend.NormalizeEmail(s))
	if len(t.norm) < 1<<16 {
		t.norm[strings.Clone(s)] = n
	}
	return n
}

// billing is the tally of a billing row's customer (its id), else of its
// guest address; nil when it has neither.
func (t *tallies) billing(source, id, email string, test bool) *tally {
	if id != "" {
		k := custKey{source, id, test}
		if t.only != nil && !t.only[identKey{IdentCustomer + source + ":" + id, test}] {
			return nil
		}
		c := t.customers[k]
		if c == nil {
			c = &tally{}
			k.source, k.id = strings.Clone(source), strings.Clone(id)
			t.customers[k] = c
		}
		return c
	}
	if email == "" {
		return nil
	}
	k := identKey{IdentGuest + email, test}
	if t.only != nil && !t.only[k] {
		return nil
	}
	g := t.guests[k]
	if g == nil {
		g = &tally{}
		t.guests[k] = g
	}
	return g
}

// add sums one row of table, its values in linkTables order.
func (t *tallies) add(table string, v []any) {
	switch table {
	case "customers":
		src, id := str(v[0]), str(v[1])
		if id == "" {
			return
		}
		email := t.address(v[2])
		c := t.billing(src, id, "", flag(v[6]))
		if c == nil {
			return
		}
		c.Rows++
		name := str(v[3])
		if name == "" {
			name = str(v[4])
		}
		if name != "" && name != c.Name {
			c.Name, c.NameAt = strings.Clone(name), t.imp
		}
		if at, ok := number(v[5]); ok {
			c.Created = MinSet(c.Created, at)
		}
		c.Emails = count(c.Emails, email, true)
		c.Sources = count(c.Sources, src, false)
	case "subscriptions", "invoices", "payments":
		src, email := str(v[0]), t.address(v[2])
		b := t.billing(src, str(v[1]), email, flag(v[len(v)-1]))
		if b == nil {
			return
		}
		b.Rows++
		b.Emails = count(b.Emails, email, false)
		b.Sources = count(b.Sources, src, false)
		at, ok := number(v[3])
		if table == "subscriptions" {
			if !ok {
				at, ok = number(v[4])
			}
			if ok {
				b.First = MinSet(b.First, at)
			}
			return
		}
		if ok {
			b.First, b.Last = MinSet(b.First, at), max(b.Last, at)
		}
	case "tickets":
		email := t.address(v[1])
		if t.only != nil && !t.only[identKey{IdentRequester + email, false}] {
			return
		}
		i, added := t.requester.get(email)
		if added {
			t.reqs = append(t.reqs, reqTally{src: -1})
		}
		r := &t.reqs[i]
		r.rows++
		if src := str(v[0]); src != "" {
			if r.src < 0 {
				r.src = t.source(src)
			}
			if t.srcs[r.src] == src {
				r.srcN++
			} else {
				if t.reqMore == nil {
					t.reqMore = map[int32][]Count{}
				}
				t.reqMore[i] = count(t.reqMore[i], src, false)
			}
		}
		if at, ok := number(v[2]); ok {
			r.first, r.last = MinSet(r.first, at), max(r.last, at)
		}
	case "events":
		id := str(v[1])
		email := str(v[2])
		if id == "" {
			id = email
		}
		if t.only != nil && !t.only[identKey{IdentUser + id, false}] {
			return
		}
		at, _ := number(v[4])
		name := str(v[3])
		t.users.event(t.users.user(id, at), str(v[0]), email, t.names.id(name), at, t.clock.day(at), t.core[name])
	}
}

// source is the place of a requester's source in srcs.
func (t *tallies) source(s string) int32 {
	for i, x := range t.srcs {
		if x == s {
			return int32(i)
		}
	}
	t.srcs = append(t.srcs, strings.Clone(s))
	return int32(len(t.srcs) - 1)
}

// count adds one row carrying v (skipped when empty).
func count(cs []Count, v string, primary bool) []Count {
	if v == "" {
		return cs
	}
	for i := range cs {
		if cs[i].Value == v {
			cs[i].N++
			cs[i].Primary = cs[i].Primary || primary
			return cs
		}
	}
	return append(cs, Count{Value: strings.Clone(v), N: 1, Primary: primary})
}

// each hands every identity summed, with its key, to f, in key order
// within each kind: written in that order, hundreds of thousands of new
// identities append to link_idents' B-tree instead of landing all over it.
func (t *tallies) each(f func(k identKey, id *Ident)) {
	cs := make([]custKey, 0, len(t.customers))
	for k := range t.customers {
		cs = append(cs, k)
	}
	slices.SortFunc(cs, func(a, b custKey) int {
		return stdcmp.Or(strings.Compare(a.source, b.source), strings.Compare(a.id, b.id), boolCompare(a.test, b.test))
	})
	for _, k := range cs {
		f(identKey{IdentCustomer + k.source + ":" + k.id, k.test}, t.customers[k].done())
	}
	for _, k := range keysOf(t.guests) {
		f(k, t.guests[k].done())
	}
	for _, i := range t.requester.sorted() {
		e := string(t.requester.bytes(i))
		r := &t.reqs[i]
		id := &Ident{Rows: r.rows, First: r.first, Last: r.last}
		if r.src >= 0 {
			id.Sources = append([]Count{{Value: t.srcs[r.src], N: r.srcN}}, t.reqMore[i]...)
			sortCounts(id.Sources)
		}
		f(identKey{IdentRequester + e, false}, id)
	}
	t.users.each(func(id string, sum *Ident) { f(identKey{IdentUser + id, false}, sum) })
}

// done finishes a tally as an Ident: counts ordered.
func (u *tally) done() *Ident {
	id := &u.Ident
	sortCounts(id.Emails)
	sortCounts(id.Sources)
	return id
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

func flag(v any) bool {
	n, _ := number(v)
	return n != 0
}

// identEmails is an identity's addresses for the emails column: an
// analytics user's distinct id when it is an address and its events carry
// none; a requester's or guest's own.
func identEmails(k identKey, id *Ident) string {
	var out []string
	for _, c := range id.Emails {
		out = append(out, c.Value)
	}
	switch {
	case strings.HasPrefix(k.key, IdentUser) && len(out) == 0:
		if e := backend.NormalizeEmail(k.key[len(IdentUser):]); e != "" {
			out = append(out, e)
		}
	case strings.HasPrefix(k.key, IdentRequester):
		out = []string{k.key[len(IdentRequester):]}
	case strings.HasPrefix(k.key, IdentGuest):
		out = []string{k.key[len(IdentGuest):]}
	}
	return strings.Join(out, " ")
}
