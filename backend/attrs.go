package backend

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// JSON encodes the attributes as the JSON object the workspace stores, byte
// for byte as encoding/json would (keys sorted, HTML characters and
// U+2028/U+2029 escaped, bad UTF-8 replaced): the text is part of the row's
// fingerprint, so it must not change between versions of Keel. It runs per
// row, where json.Marshal's reflection cost a tenth of a large import.
func (a Attrs) JSON() string {
	if len(a) == 0 {
		return "{}"
	}
	type kv struct{ k, v string }
	var small [8]kv // most records have a few extra columns: no allocation
	pairs := small[:0]
	size := 2
	for k, v := range a {
		pairs = append(pairs, kv{k, v})
		size += len(k) + len(v) + 6
	}
	slices.SortFunc(pairs, func(x, y kv) int { return strings.Compare(x.k, y.k) })
	b := make([]byte, 0, size+size/8)
	b = append(b, '{')
	for i, p := range pairs {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, p.k)
		b = append(b, ':')
		b = AppendJSONString(b, p.v)
	}
	b = append(b, '}')
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used after this
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the ASCII bytes encoding/json writes as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// AppendJSONString is encoding/json's string encoding with HTML escaping,
// for importers that write attributes themselves (see Event.AttrsJSON).
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
