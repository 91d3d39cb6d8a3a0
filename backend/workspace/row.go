package workspace

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"sync"

	"github.com/cespare/xxhash/v2"

	"keel/backend"
)

// Row is a record made ready for storing: its table, key, column values and
// their fingerprint. NewRow is safe to call from another goroutine than the
// batch's, so the pipeline prepares rows while the previous ones are stored.
type Row struct {
	Kind, Key string
	Vals      []any
	Hash      int64
	hash      any // Hash as a statement argument, boxed on the preparing goroutine
}

// NewRow prepares a record for Put or PutMany.
func (b *Batch) NewRow(r backend.Record) (Row, error) {
	t, ok := tables[r.Kind()]
	if !ok {
		return Row{}, backend.Errorf(backend.Internal, "no table for records of kind %q", r.Kind())
	}
	vals := t.values(r)
	for i, v := range vals {
		vals[i] = driverValue(v)
	}
	bp := hashBufs.Get().(*[]byte)
	*bp = appendValues((*bp)[:0], vals)
	h := b.fingerprint(*bp)
	hashBufs.Put(bp)
	return Row{Kind: r.Kind(), Key: r.Key(), Vals: vals, Hash: h, hash: h}, nil
}

// fingerprint hashes a row's values to tell duplicates from changes. It is
// stored with the row, so a workspace keeps the function it started with:
// FNV-1a for those made before migration 0007, xxHash64 (several times
// faster on long rows) since.
func (b *Batch) fingerprint(p []byte) int64 {
	if b.fnv {
		h := fnv.New64a()
		h.Write(p)
		return int64(h.Sum64())
	}
	return int64(xxhash.Sum64(p))
}

// driverValue turns the few Go types the tables use into the driver's own
// (int64, string, nil…), so rows can be bound without database/sql.
func driverValue(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case *int64:
		if x == nil {
			return nil
		}
		return *x
	}
	return v
}

var hashBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// appendValues writes a row's values to buf for its fingerprint, each
// followed by 0x1f (no fmt: this runs per row).
func appendValues(buf []byte, vals []any) []byte {
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
			buf = append(buf, 0)
		case string:
			buf = append(buf, x...)
		case int64:
			buf = strconv.AppendInt(buf, x, 10)
		case bool:
			buf = strconv.AppendBool(buf, x)
		default:
			buf = fmt.Append(buf, x)
		}
		buf = append(buf, 0x1f)
	}
	return buf
}
