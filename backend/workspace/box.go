package workspace

import "time"

// boxer turns column values into the interface values the driver binds and
// copies each row's values into shared blocks, so that a row costs one
// slice of a block instead of a slice of its own. A string equal to the
// same column's in the row before is boxed once (a source, a status, a
// currency repeat down a file): boxing a string allocates. A boxer is
// used by one goroutine at a time.
type boxer struct {
	vals []any
	col  int // the string column being boxed in the current row
	seen [maxCols]struct {
		s string
		v any
	}
}

const (
	boxBlock = 1024
	maxCols  = 32
)

func (b *boxer) str(s string) any {
	if s == "" {
		return "" // static: no allocation
	}
	i := b.col
	b.col++
	if i >= maxCols {
		return s
	}
	if c := &b.seen[i]; c.v != nil && c.s == s {
		return c.v
	}
	v := any(s)
	b.seen[i].s, b.seen[i].v = s, v
	return v
}

func (b *boxer) int(n int64) any { return n }

// opt boxes an optional integer; nil is SQL NULL.
func (b *boxer) opt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// unix boxes a time as unix seconds.
func (b *boxer) unix(t time.Time) any { return t.Unix() }

// optUnix boxes an optional time as unix seconds; nil is SQL NULL.
func (b *boxer) optUnix(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}

// row copies a row's values into the shared block; the next string boxed
// is the next row's first.
func (b *boxer) row(vals ...any) []any {
	b.col = 0
	n := len(vals)
	if len(b.vals)+n > cap(b.vals) {
		b.vals = make([]any, 0, max(boxBlock, n))
	}
	r := b.vals[len(b.vals) : len(b.vals)+n : len(b.vals)+n]
	b.vals = b.vals[:len(b.vals)+n]
	copy(r, vals)
	return r
}
