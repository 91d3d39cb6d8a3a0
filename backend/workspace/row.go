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
// their fingerprint.
type Row struct {
	Kind, Key string
	Vals      []any
	Hash      int64
	key, hash any // Key and Hash as statement arguments, boxed on the preparing goroutine
}

// NewRow prepares a record for PutRow or PutMany on the batch's goroutine.
func (b *Batch) NewRow(r backend.Record) (Row, error) { return b.newRow(r, &b.box) }

// Preparer prepares rows for a batch on another goroutine than the
// batch's, so the pipeline parses ahead while the previous rows are
// stored. Each goroutine needs its own.
type Preparer struct {
	b   *Batch
	box boxer
}

// Preparer returns a new Preparer for b.
func (b *Batch) Preparer() *Preparer { return &Preparer{b: b} }

// Prepare is NewRow for the preparer's goroutine.
func (p *Preparer) Prepare(r backend.Record) (Row, error) { return p.b.newRow(r, &p.box) }

func (b *Batch) newRow(r backend.Record, x *boxer) (Row, error) {
	t, ok := tables[r.Kind()]
	if !ok {
		return Row{}, backend.Errorf(backend.Internal, "no table for records of kind %q", r.Kind())
	}
	vals := t.values(r, x)
	bp := hashBufs.Get().(*[]byte)
	*bp = appendValues((*bp)[:0], vals)
	h := b.fingerprint(*bp)
	hashBufs.Put(bp)
	key := r.Key()
	return Row{Kind: r.Kind(), Key: key, Vals: vals, Hash: h, key: any(key), hash: any(h)}, nil
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
