package workspace

import (
	stdcmp "cmp" // newer.go has a cmp of its own
	"encoding/binary"
	"errors"
	"slices"
	"strings"
)

// Ident is what the rows about one identity say, summed: a billing
// customer, a guest payer, a ticket requester or an analytics user
// (migration 0008). Every field can be summed over imports (Add), so an
// identity is the sum of its parts, one per import.
type Ident struct {
	Rows    int64
	Name    string // the customers export's name (else description), from the latest import that had one
	NameAt  int64  // that import
	Created int64  // the earliest customer creation date, unix seconds; 0 unknown
	// First and Last are its earliest and latest dated rows (a subscription
	// start, an invoice, a payment, a ticket, an event); 0 unknown.
	// Subscriptions set First only.
	First, Last int64
	Emails      []Count // addresses (analytics: as sent), most rows first
	Sources     []Count
	Activity    []byte    // analytics: local days with events, packed (EncodeDays): a user has hundreds
	Names       []NameUse // analytics: events by name
}

// Count is a value and the rows that carried it. Primary marks the
// customers export's own address.
type Count struct {
	Value   string
	N       int64
	Primary bool
}

// Day is one calendar day in the workspace time zone, numbered from
// 1970-01-01, with the events of that day: all of them and the core ones
// (setting core_events).
type Day struct {
	Day    int32
	Events int32
	Core   int32
}

// NameUse is how often, first and last (unix seconds) one event name was
// sent. Name is the id of the name in event_names.
type NameUse struct {
	Name        int32
	Events      int64
	First, Last int64
}

// Add sums o into id.
func (id *Ident) Add(o *Ident, oImport int64) {
	id.Rows += o.Rows
	if o.Name != "" && (id.Name == "" || oImport >= id.NameAt) {
		id.Name, id.NameAt = o.Name, oImport
	}
	id.Created = MinSet(id.Created, o.Created)
	id.First = MinSet(id.First, o.First)
	id.Last = max(id.Last, o.Last)
	id.Emails = addCounts(id.Emails, o.Emails)
	id.Sources = addCounts(id.Sources, o.Sources)
	if len(o.Activity) > 0 {
		id.Activity = MergeDays(id.Activity, o.Activity)
	}
	if len(o.Names) > 0 {
		id.Names = SortNames(append(id.Names, o.Names...))
	}
}

// MinSet is the smaller of a and b, where 0 means unset.
func MinSet(a, b int64) int64 {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

func addCounts(to, from []Count) []Count {
	for _, c := range from {
		i := slices.IndexFunc(to, func(x Count) bool { return x.Value == c.Value })
		if i < 0 {
			to = append(to, c)
			continue
		}
		to[i].N += c.N
		to[i].Primary = to[i].Primary || c.Primary
	}
	sortCounts(to)
	return to
}

// sortCounts orders counts: primary first, then most rows, then by value.
func sortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if a.Primary != b.Primary {
			if a.Primary {
				return -1
			}
			return 1
		}
		if a.N != b.N {
			return stdcmp.Compare(b.N, a.N)
		}
		return strings.Compare(a.Value, b.Value)
	})
}

// SortDays sorts days and adds up repeated ones.
func SortDays(days []Day) []Day {
	if !slices.IsSortedFunc(days, func(a, b Day) int { return stdcmp.Compare(a.Day, b.Day) }) {
		slices.SortFunc(days, func(a, b Day) int { return stdcmp.Compare(a.Day, b.Day) })
	}
	out := days[:0]
	for _, d := range days {
		if n := len(out); n > 0 && out[n-1].Day == d.Day {
			out[n-1].Events += d.Events
			out[n-1].Core += d.Core
			continue
		}
		out = append(out, d)
	}
	return out
}

// SortNames sorts uses by name and combines repeated names.
func SortNames(names []NameUse) []NameUse {
	slices.SortFunc(names, func(a, b NameUse) int { return stdcmp.Compare(a.Name, b.Name) })
	out := names[:0]
	for _, u := range names {
		if n := len(out); n > 0 && out[n-1].Name == u.Name {
			p := &out[n-1]
			p.Events += u.Events
			p.First, p.Last = min(p.First, u.First), max(p.Last, u.Last)
			continue
		}
		out = append(out, u)
	}
	return out
}

var errBlob = errors.New("damaged identity summary")

// Encoding: varints, in the order of the fields; strings and the days
// length-prefixed, the names to the end.
func (id *Ident) encode() []byte {
	b := make([]byte, 0, 64+16*len(id.Emails)+len(id.Activity)+12*len(id.Names))
	b = binary.AppendUvarint(b, uint64(id.Rows))
	b = appendString(b, id.Name)
	b = binary.AppendVarint(b, id.NameAt)
	b = binary.AppendVarint(b, id.Created)
	b = binary.AppendVarint(b, id.First)
	b = binary.AppendVarint(b, id.Last)
	for _, cs := range [][]Count{id.Emails, id.Sources} {
		b = binary.AppendUvarint(b, uint64(len(cs)))
		for _, c := range cs {
			b = appendString(b, c.Value)
			n := uint64(c.N) << 1
			if c.Primary {
				n |= 1
			}
			b = binary.AppendUvarint(b, n)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(id.Activity)))
	b = append(b, id.Activity...)
	return append(b, EncodeNames(id.Names)...)
}

func decodeIdent(b []byte) (*Ident, error) {
	if len(b) == 0 {
		return &Ident{}, nil // an identity whose rows are gone
	}
	r := reader{b: b}
	id := &Ident{}
	id.Rows = int64(r.uvarint())
	id.Name = r.string()
	id.NameAt = r.varint()
	id.Created = r.varint()
	id.First = r.varint()
	id.Last = r.varint()
	for _, cs := range []*[]Count{&id.Emails, &id.Sources} {
		n := r.uvarint()
		if n > uint64(len(r.b)) {
			return nil, errBlob
		}
		for range n {
			c := Count{Value: r.string()}
			v := r.uvarint()
			c.N, c.Primary = int64(v>>1), v&1 == 1
			*cs = append(*cs, c)
		}
	}
	if id.Activity = r.bytes(); r.err != nil {
		return nil, r.err
	}
	if len(id.Activity) == 0 {
		id.Activity = nil
	}
	var err error
	if id.Names, err = DecodeNames(r.b, nil); err != nil {
		return nil, err
	}
	return id, nil
}

// identNames appends the names of an encoded sum to out without decoding
// the rest.
func identNames(b []byte, out []NameUse) ([]NameUse, error) {
	if len(b) == 0 {
		return out, nil
	}
	r := reader{b: b}
	r.uvarint()
	r.bytes()
	for range 4 {
		r.varint()
	}
	for range 2 {
		n := r.uvarint()
		if n > uint64(len(r.b)) {
			return out, errBlob
		}
		for range n {
			r.bytes()
			r.uvarint()
		}
	}
	r.bytes()
	if r.err != nil {
		return out, r.err
	}
	return DecodeNames(r.b, out)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errBlob, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errBlob, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errBlob, nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) string() string { return string(r.bytes()) }

// EncodeDays packs days sorted by Day: the gap from the previous day, the
// events and the core events, as varints.
func EncodeDays(days []Day) []byte {
	b := make([]byte, 0, 4*len(days))
	prev := int32(0)
	for _, d := range days {
		b = binary.AppendVarint(b, int64(d.Day-prev))
		b = binary.AppendUvarint(b, uint64(d.Events))
		b = binary.AppendUvarint(b, uint64(d.Core))
		prev = d.Day
	}
	return b
}

// MergeDays packs the days of a and b (both packed, sorted), adding up
// the days both have, without unpacking either into a list.
func MergeDays(a, b []byte) []byte {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]byte, 0, len(a)+len(b))
	ra, rb := dayReader{r: reader{b: a}}, dayReader{r: reader{b: b}}
	da, oka := ra.next()
	db, okb := rb.next()
	prev := int32(0)
	put := func(d Day) {
		out = binary.AppendVarint(out, int64(d.Day-prev))
		out = binary.AppendUvarint(out, uint64(d.Events))
		out = binary.AppendUvarint(out, uint64(d.Core))
		prev = d.Day
	}
	for oka || okb {
		switch {
		case oka && okb && da.Day == db.Day:
			put(Day{Day: da.Day, Events: da.Events + db.Events, Core: da.Core + db.Core})
			da, oka = ra.next()
			db, okb = rb.next()
		case oka && (!okb || da.Day < db.Day):
			put(da)
			da, oka = ra.next()
		default:
			put(db)
			db, okb = rb.next()
		}
	}
	return out
}

// dayReader reads packed days one by one.
type dayReader struct {
	r    reader
	prev int64
}

func (d *dayReader) next() (Day, bool) {
	if len(d.r.b) == 0 {
		return Day{}, false
	}
	gap, ev, core := d.r.varint(), d.r.uvarint(), d.r.uvarint()
	if d.r.err != nil {
		return Day{}, false
	}
	d.prev += gap
	return Day{Day: int32(d.prev), Events: int32(ev), Core: int32(core)}, true
}

// DecodeDays appends the days packed in b to out.
func DecodeDays(b []byte, out []Day) ([]Day, error) {
	r := reader{b: b}
	prev := int64(0)
	for len(r.b) > 0 {
		gap, ev, core := r.varint(), r.uvarint(), r.uvarint()
		if r.err != nil {
			return out, r.err
		}
		prev += gap
		out = append(out, Day{Day: int32(prev), Events: int32(ev), Core: int32(core)})
	}
	return out, nil
}

// EncodeNames packs name uses sorted by Name.
func EncodeNames(names []NameUse) []byte {
	b := make([]byte, 0, 12*len(names))
	for _, u := range names {
		b = binary.AppendUvarint(b, uint64(u.Name))
		b = binary.AppendUvarint(b, uint64(u.Events))
		b = binary.AppendVarint(b, u.First)
		b = binary.AppendUvarint(b, uint64(u.Last-u.First))
	}
	return b
}

// DecodeNames appends the name uses packed in b to out.
func DecodeNames(b []byte, out []NameUse) ([]NameUse, error) {
	r := reader{b: b}
	for len(r.b) > 0 {
		name, events, first, span := r.uvarint(), r.uvarint(), r.varint(), r.uvarint()
		if r.err != nil {
			return out, r.err
		}
		out = append(out, NameUse{Name: int32(name), Events: int64(events), First: first, Last: first + int64(span)})
	}
	return out, nil
}
