package csvfile

import (
	"strings"
	"unicode"
)

// Header is the header row with a name index.
type Header struct {
	Names []string
}

// NewHeader builds a header from column names (cleaned like the names read
// from a file); handy for tests of importers.
func NewHeader(names ...string) *Header {
	h := &Header{Names: make([]string, len(names))}
	for i, n := range names {
		h.Names[i] = CleanName(n)
	}
	return h
}

// CleanName trims a header cell of surrounding spaces, a stray byte order
// mark and stray surrounding quotes.
func CleanName(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\uFEFF' || r == '"' || r == '\''
	})
}

// Index returns the column of the first alias present, matching names
// case-insensitively and ignoring surrounding spaces, a stray byte order
// mark and stray quotes; -1 when none is.
func (h *Header) Index(aliases ...string) int {
	if h == nil {
		return -1
	}
	for _, a := range aliases {
		a = CleanName(a)
		for i, n := range h.Names {
			if strings.EqualFold(CleanName(n), a) {
				return i
			}
		}
	}
	return -1
}

// Has reports whether every name is present.
func (h *Header) Has(names ...string) bool {
	for _, n := range names {
		if h.Index(n) < 0 {
			return false
		}
	}
	return true
}

// Len is the number of columns.
func (h *Header) Len() int {
	if h == nil {
		return 0
	}
	return len(h.Names)
}

// Row is one record with the line it starts on (1-based, header is line 1
// for a plain file).
type Row struct {
	Line    int
	Fields  []string
	Problem string // non-empty when the row is malformed (ragged, oversized field)
	header  *Header
}

// NewRow builds a row of header h; handy for tests of importers.
func NewRow(h *Header, line int, fields ...string) Row {
	return Row{Line: line, Fields: fields, header: h}
}

// Header returns the header of the file the row comes from (nil for a Row
// built by hand without one).
func (r Row) Header() *Header { return r.header }

// Get returns the field at column index i, or "" when i < 0 or out of range.
// Values are trimmed of surrounding spaces.
func (r Row) Get(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	return strings.TrimSpace(r.Fields[i])
}

// Lookup returns the trimmed value of the first alias present in the
// header, "" when none is. Importers should resolve columns once with
// Header.Index and use Get per row; Lookup is for one-off reads.
func (r Row) Lookup(aliases ...string) string {
	return r.Get(r.header.Index(aliases...))
}
