package posthog

import (
	"unsafe"

	"keel/backend"
	"keel/importers/csvfile"
)

// propsBlock is how many bytes of encoded properties share one allocation.
const propsBlock = 64 << 10

// encodeProps writes the row's non-empty property columns as the JSON
// object backend.Attrs.JSON would write for them (keys in order, the same
// escaping), "" when there are none. The text goes into a shared block
// that is only ever appended to, so the strings handed out stay valid; one
// allocation per few hundred events instead of a map, a sort and a buffer
// per event.
func (c *columns) encodeProps(row csvfile.Row) string {
	if cap(c.buf)-len(c.buf) < 1024 {
		c.buf = make([]byte, 0, propsBlock)
	}
	start := len(c.buf)
	b := append(c.buf, '{')
	for _, p := range c.sorted {
		v := row.Get(p.index)
		if v == "" {
			continue
		}
		if len(b) > start+1 {
			b = append(b, ',')
		}
		b = backend.AppendJSONString(b, p.key)
		b = append(b, ':')
		b = backend.AppendJSONString(b, v)
	}
	if len(b) == start+1 {
		c.buf = b[:start]
		return ""
	}
	b = append(b, '}')
	c.buf = b
	return unsafe.String(&b[start], len(b)-start)
}
