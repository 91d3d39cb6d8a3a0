package csvfile

import (
	"strings"
	"unicode"

	"keel/backend"
)

// Header is the header row with a name index.
type Header struct {
	Names []string
	// twice is the first lookup that found a name the header holds more
	// than once: which of the two columns is meant cannot be told.
	twice *[2]int
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
// mark and stray quotes; -1 when none is. When the header holds the name
// found twice, the first is returned and the lookup is remembered as
// ambiguous (see Ambiguity).
func (h *Header) Index(aliases ...string) int {
	if h == nil {
		return -1
	}
	for _, a := range aliases {
		a = CleanName(a)
		first := -1
		for i, n := range h.Names {
			if strings.EqualFold(CleanName(n), a) {
				if first >= 0 {
					h.MarkAmbiguous(first, i)
					break
				}
				first = i
			}
		}
		if first >= 0 {
			return first
		}
	}
	return -1
}

// MarkAmbiguous remembers that a lookup found columns first and second
// under one name (a reader with its own name matching says so).
func (h *Header) MarkAmbiguous(first, second int) {
	if h.twice == nil {
		h.twice = &[2]int{first, second}
	}
}

// Ambiguity is the error for a header whose importer looked up a name it
// holds twice ("Amount Refunded" and "Amount Refunded"): reading either
// column could give the wrong numbers, so the file is refused. Nil when
// every lookup was clear; a name held twice that nothing reads is no
// problem.
func (h *Header) Ambiguity() error {
	if h == nil || h.twice == nil {
		return nil
	}
	return backend.Errorf(backend.Invalid,
		"the column %q appears twice in the header (columns %d and %d); Keel cannot tell which one is meant: rename or remove one of them and import the file again",
		CleanName(h.Names[h.twice[0]]), h.twice[0]+1, h.twice[1]+1)
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
