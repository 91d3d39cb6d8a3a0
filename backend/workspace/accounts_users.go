package workspace

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strings"

	"keel/backend"
)

// userTable sums analytics users while an import's events come in, in flat
// arrays without pointers: a large export has hundreds of thousands of
// users, and as many small objects (a struct, its days, its names, its
// address) made the collector's marking most of the import's time. The
// collector never looks inside these arrays.
type userTable struct {
	seed  maphash.Seed
	index map[uint64]int32    // hash of the id → user
	clash map[string]int32    // ids whose hash another id has (never seen in practice)
	ids   []byte              // the ids, back to back
	recs  []userRec           // by user
	names []nameNode          // the users' names, linked per user
	days  []byte              // the users' days, packed in blocks linked per user
	more  map[int32]*userMore // what few users have: a second address or source, days out of order
	srcs  []string            // the sources seen (a handful)
}

// userRec is one user. Offsets index userTable's arrays; -1 is none.
type userRec struct {
	id, idLen           uint32
	events              int64
	first, last, base   int64  // names count their times from base, the first event seen
	email, emailLen     uint32 // the first address its events carried (in ids)
	emailN              int64
	source              int32 // in userTable.sources
	sourceN             int64
	names               int32 // first nameNode
	dayHead, dayTail    int32 // first and last day block
	dayUsed             int32 // bytes used in the last block
	cur                 Day   // the day being counted
	prev                int32 // the day before cur, as packed
	daysSeen            int32
	hasEmail, hasSource bool
}

// nameNode is one event name of a user, its times in seconds from the
// user's base (±68 years), and the user's next name.
type nameNode struct {
	id, events  int32
	first, last int32
	next        int32
}

// userMore is the rare rest of a user.
type userMore struct {
	emails, sources []Count
	extra           []Day
}

// dayBlock is the size of a block of packed days; its last 4 bytes link
// the next block.
const dayBlock = 64

var zeroBlock [dayBlock]byte

func newUserTable() *userTable {
	return &userTable{seed: maphash.MakeSeed(), index: map[uint64]int32{}, more: map[int32]*userMore{}}
}

// user returns the index of id's record, adding it.
func (t *userTable) user(id string, at int64) int32 {
	h := maphash.String(t.seed, id)
	if i, ok := t.index[h]; ok {
		r := &t.recs[i]
		if string(t.ids[r.id:r.id+r.idLen]) == id {
			return i
		}
		if t.clash == nil {
			t.clash = map[string]int32{}
		}
		if j, ok := t.clash[id]; ok {
			return j
		}
		j := t.add(id, at)
		t.clash[strings.Clone(id)] = j
		return j
	}
	i := t.add(id, at)
	t.index[h] = i
	return i
}

func (t *userTable) add(id string, at int64) int32 {
	i := int32(len(t.recs))
	off := uint32(len(t.ids))
	t.ids = append(t.ids, id...)
	t.recs = append(t.recs, userRec{id: off, idLen: uint32(len(id)), first: at, last: at, base: at, names: -1, dayHead: -1, dayTail: -1})
	return i
}

// event sums one event of user i.
func (t *userTable) event(i int32, source, email string, name int32, at int64, day int32, core bool) {
	r := &t.recs[i]
	r.events++
	r.first, r.last = min(r.first, at), max(r.last, at)
	if email != "" {
		switch {
		case !r.hasEmail:
			r.email, r.emailLen, r.emailN, r.hasEmail = uint32(len(t.ids)), uint32(len(email)), 1, true
			t.ids = append(t.ids, email...)
		case string(t.ids[r.email:r.email+r.emailLen]) == email:
			r.emailN++
		default:
			m := t.moreOf(i)
			m.emails = count(m.emails, email, false)
		}
	}
	src := t.source(source)
	switch {
	case !r.hasSource:
		r.source, r.sourceN, r.hasSource = src, 1, true
	case r.source == src:
		r.sourceN++
	default:
		m := t.moreOf(i)
		m.sources = count(m.sources, source, false)
	}
	t.addDay(i, day, core)
	t.addName(i, name, at)
}

// source is the index of a source's name in t.srcs.
func (t *userTable) source(s string) int32 {
	for i, x := range t.srcs {
		if x == s {
			return int32(i)
		}
	}
	t.srcs = append(t.srcs, strings.Clone(s))
	return int32(len(t.srcs) - 1)
}

func (t *userTable) moreOf(i int32) *userMore {
	m := t.more[i]
	if m == nil {
		m = &userMore{}
		t.more[i] = m
	}
	return m
}

func (t *userTable) addName(i int32, name int32, at int64) {
	r := &t.recs[i]
	d := int32(at - r.base)
	last := int32(-1)
	for n := r.names; n >= 0; n = t.names[n].next {
		p := &t.names[n]
		if p.id == name {
			p.events++
			p.first, p.last = min(p.first, d), max(p.last, d)
			return
		}
		last = n
	}
	t.names = append(t.names, nameNode{id: name, events: 1, first: d, last: d, next: -1})
	n := int32(len(t.names) - 1)
	if last < 0 {
		r.names = n
	} else {
		t.names[last].next = n
	}
}

// addDay counts one event on day: the current day of the user in full,
// earlier ones packed (EncodeDays) into its blocks, days out of order
// apart.
func (t *userTable) addDay(i int32, day int32, core bool) {
	r := &t.recs[i]
	c := int32(0)
	if core {
		c = 1
	}
	switch {
	case r.daysSeen > 0 && day == r.cur.Day:
		r.cur.Events++
		r.cur.Core += c
	case r.daysSeen == 0 || day > r.cur.Day:
		if r.daysSeen > 0 {
			var buf [3 * binary.MaxVarintLen64]byte
			b := binary.AppendVarint(buf[:0], int64(r.cur.Day-r.prev))
			b = binary.AppendUvarint(b, uint64(r.cur.Events))
			b = binary.AppendUvarint(b, uint64(r.cur.Core))
			t.appendDays(r, b)
			r.prev = r.cur.Day
		}
		r.cur = Day{Day: day, Events: 1, Core: c}
		r.daysSeen++
	default:
		m := t.moreOf(i)
		m.extra = append(m.extra, Day{Day: day, Events: 1, Core: c})
	}
}

func (t *userTable) appendDays(r *userRec, b []byte) {
	for len(b) > 0 {
		if r.dayTail < 0 || r.dayUsed == dayBlock-4 {
			blk := int32(len(t.days) / dayBlock)
			t.days = append(t.days, zeroBlock[:]...)
			binary.LittleEndian.PutUint32(t.days[int(blk)*dayBlock+dayBlock-4:], ^uint32(0))
			if r.dayTail < 0 {
				r.dayHead = blk
			} else {
				binary.LittleEndian.PutUint32(t.days[int(r.dayTail)*dayBlock+dayBlock-4:], uint32(blk))
			}
			r.dayTail, r.dayUsed = blk, 0
		}
		start := int(r.dayTail)*dayBlock + int(r.dayUsed)
		n := copy(t.days[start:int(r.dayTail)*dayBlock+dayBlock-4], b)
		r.dayUsed += int32(n)
		b = b[n:]
	}
}

// each hands every user, summed, to f.
func (t *userTable) each(f func(id string, sum *Ident)) {
	order := make([]int32, len(t.recs)) // by id, as tallies.each
	for i := range order {
		order[i] = int32(i)
	}
	id := func(i int32) []byte { r := &t.recs[i]; return t.ids[r.id : r.id+r.idLen] }
	slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(id(a), id(b)) })
	for _, i := range order {
		f(string(id(i)), t.done(i))
	}
}

// done is user i's sum.
func (t *userTable) done(i int32) *Ident {
	r := &t.recs[i]
	m := t.more[i]
	id := &Ident{Rows: r.events, First: r.first, Last: r.last}
	if r.hasSource {
		id.Sources = []Count{{Value: t.srcs[r.source], N: r.sourceN}}
	}
	var emails []Count
	if r.hasEmail {
		emails = []Count{{Value: string(t.ids[r.email : r.email+r.emailLen]), N: r.emailN}}
	}
	if m != nil {
		emails = append(emails, m.emails...)
		id.Sources = addCounts(id.Sources, m.sources)
	}
	for _, c := range emails {
		if e := backend.NormalizeEmail(c.Value); e != "" {
			id.Emails = addCounts(id.Emails, []Count{{Value: e, N: c.N}})
		}
	}
	if r.daysSeen > 0 {
		var packed []byte
		for blk := r.dayHead; blk >= 0; {
			start := int(blk) * dayBlock
			if blk == r.dayTail {
				packed = append(packed, t.days[start:start+int(r.dayUsed)]...)
				break
			}
			packed = append(packed, t.days[start:start+dayBlock-4]...)
			blk = int32(binary.LittleEndian.Uint32(t.days[start+dayBlock-4:]))
		}
		packed = binary.AppendVarint(packed, int64(r.cur.Day-r.prev))
		packed = binary.AppendUvarint(packed, uint64(r.cur.Events))
		packed = binary.AppendUvarint(packed, uint64(r.cur.Core))
		if m != nil && len(m.extra) > 0 {
			packed = MergeDays(packed, EncodeDays(SortDays(m.extra)))
		}
		id.Activity = packed
	}
	for n := r.names; n >= 0; n = t.names[n].next {
		p := t.names[n]
		id.Names = append(id.Names, NameUse{Name: p.id, Events: int64(p.events), First: r.base + int64(p.first), Last: r.base + int64(p.last)})
	}
	id.Names = SortNames(id.Names)
	sortCounts(id.Emails)
	sortCounts(id.Sources)
	return id
}
