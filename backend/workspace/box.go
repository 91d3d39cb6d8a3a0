package workspace

import (
	"time"
	"unsafe"
)

// boxer turns column values into the interface values the driver binds,
// storing the strings and integers it boxes in shared blocks. Go allocates
// on every conversion of a string or a large integer to an interface; on
// a wide export (a Zendesk ticket has 21 columns) those allocations were
// a quarter of the parser's time. A value keeps its block alive until the
// row is stored; blocks are never written again once a slot is handed
// out. A boxer is used by one goroutine at a time.
type boxer struct {
	strs []string
	ints []int64
	vals []any
}

const boxBlock = 1024

// eface is the layout of an interface value: its type, then a pointer to
// the value.
type eface struct{ typ, data unsafe.Pointer }

var (
	stringType = typeOf("")
	int64Type  = typeOf(int64(0))
)

func typeOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

func box(typ, data unsafe.Pointer) (v any) {
	*(*eface)(unsafe.Pointer(&v)) = eface{typ, data}
	return v
}

func (b *boxer) str(s string) any {
	if s == "" {
		return "" // static: no allocation
	}
	if len(b.strs) == cap(b.strs) {
		b.strs = make([]string, 0, boxBlock)
	}
	b.strs = append(b.strs, s)
	return box(stringType, unsafe.Pointer(&b.strs[len(b.strs)-1]))
}

func (b *boxer) int(n int64) any {
	if len(b.ints) == cap(b.ints) {
		b.ints = make([]int64, 0, boxBlock)
	}
	b.ints = append(b.ints, n)
	return box(int64Type, unsafe.Pointer(&b.ints[len(b.ints)-1]))
}

// opt boxes an optional integer; nil is SQL NULL.
func (b *boxer) opt(p *int64) any {
	if p == nil {
		return nil
	}
	return b.int(*p)
}

// unix boxes a time as unix seconds.
func (b *boxer) unix(t time.Time) any { return b.int(t.Unix()) }

// optUnix boxes an optional time as unix seconds; nil is SQL NULL.
func (b *boxer) optUnix(t *time.Time) any {
	if t == nil {
		return nil
	}
	return b.unix(*t)
}

// row copies a row's values into the shared block.
func (b *boxer) row(vals ...any) []any {
	n := len(vals)
	if len(b.vals)+n > cap(b.vals) {
		b.vals = make([]any, 0, max(boxBlock, n))
	}
	r := b.vals[len(b.vals) : len(b.vals)+n : len(b.vals)+n]
	b.vals = b.vals[:len(b.vals)+n]
	copy(r, vals)
	return r
}
