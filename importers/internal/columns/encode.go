package columns

import (
	"slices"
	"strings"
	"unsafe"

	"keel/backend"
	"keel/importers/csvfile"
)

// Encoder writes a row's attribute columns straight to the JSON text that
// backend.Attrs.JSON writes for the map Attrs would collect: a map, a sort
// and a buffer per row cost a tenth of a multi-million-row import. The
// text goes into a shared block that is only ever appended to, so the
// strings handed out stay valid. An Encoder is used by one goroutine.
type Encoder struct {
	cols []Attr // in key order
	buf  []byte
}

// NewEncoder encodes cols, whose keys must differ.
func NewEncoder(cols []Attr) *Encoder {
	return &Encoder{cols: slices.SortedFunc(slices.Values(cols), func(a, b Attr) int { return strings.Compare(a.Key, b.Key) })}
}

// encodeBlock is how many bytes of encoded attributes share one allocation.
const encodeBlock = 64 << 10

// JSON is the row's non-empty attribute columns as Attrs.JSON writes them,
// "" when there are none.
func (e *Encoder) JSON(row csvfile.Row) string {
	if cap(e.buf)-len(e.buf) < 1024 {
		e.buf = make([]byte, 0, encodeBlock)
	}
	start := len(e.buf)
	b := append(e.buf, '{')
	for _, c := range e.cols {
		v := row.Get(c.Index)
		if v == "" {
			continue
		}
		if len(b) > start+1 {
			b = append(b, ',')
		}
		b = backend.AppendJSONString(b, c.Key)
		b = append(b, ':')
		b = backend.AppendJSONString(b, v)
	}
	if len(b) == start+1 {
		e.buf = b[:start]
		return ""
	}
	b = append(b, '}')
	e.buf = b
	return unsafe.String(&b[start], len(b)-start)
}
