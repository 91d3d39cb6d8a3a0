// Package jsondoc streams the elements of the JSON arrays of a file, one
// at a time, so that a JSON export of any size is read with the memory of
// one element: Intercom's conversations saved from its API as one array
// ([{…}, {…}]), as its list response ({"type": "conversation.list",
// "conversations": […], "pages": {…}}), or as several such documents one
// after the other (one per page of the API).
//
// The reader checks the structure around the elements (brackets, strings,
// nesting) and counts lines, so that every element is reported with the
// line it starts on; the importer decodes the element itself.
package jsondoc

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"keel/backend"
)

// MaxItem is the longest element kept, in bytes; a longer one is reported
// by its length (and skipped) instead of held in memory.
const MaxItem = 16 << 20

// MaxDepth is the deepest nesting read; JSON that nests deeper is not an
// export.
const MaxDepth = 512

type state int

const (
	top      state = iota // between documents
	inObject              // in a top-level object, looking for its array
	inArray               // in the array whose elements are returned
)

// Reader yields the elements of the arrays of a document.
type Reader struct {
	r       *bufio.Reader
	line    int // line of the next byte, from 1
	state   state
	wrapped bool // the current array is a member of a top-level object
	taken   bool // the current top-level object's array was found
	docs    int  // documents started
	items   int  // elements returned
	buf     []byte
	size    int64 // bytes of the current element, kept or not
}

// NewReader reads the document from r.
func NewReader(r *bufio.Reader) *Reader { return &Reader{r: r, line: 1} }

// Item is one element of an array.
type Item struct {
	Text []byte // its JSON text, valid until the next call; nil when Long > 0
	Line int    // the line it starts on
	Long int64  // its length when over MaxItem
}

// Next returns the next element, io.EOF after the last one. Any other
// error is a *backend.Error saying why the document cannot be read (it is
// not an array of objects, or it is cut short).
func (d *Reader) Next() (Item, error) {
	for {
		c, err := d.skipSpace()
		if err == io.EOF {
			switch {
			case d.state != top:
				return Item{}, d.cut("the file ends before the JSON document is closed")
			case d.docs == 0:
				return Item{}, backend.Errorf(backend.Invalid, "the file is empty")
			}
			return Item{}, io.EOF
		}
		if err != nil {
			return Item{}, err
		}
		switch d.state {
		case top:
			d.docs++
			switch c {
			case '[':
				d.state, d.wrapped = inArray, false
			case '{':
				d.state, d.taken = inObject, false
			default:
				return Item{}, d.syntax(c, "a JSON array of objects, or an object holding one")
			}
		case inObject:
			switch c {
			case ',':
			case '}':
				if !d.taken {
					return Item{}, backend.Errorf(backend.Invalid, "the JSON object that ends on line %d holds no array of records", d.line)
				}
				d.state = top
			case '"':
				if err := d.value(c, false, 1); err != nil { // the member's name
					return Item{}, err
				}
				if c, err = d.skipSpace(); err != nil || c != ':' {
					return Item{}, d.expected(c, err, `":" after a name`)
				}
				if c, err = d.skipSpace(); err != nil {
					return Item{}, d.expected(c, err, "a value")
				}
				if c == '[' && !d.taken {
					d.state, d.wrapped, d.taken = inArray, true, true
					continue
				}
				if err := d.value(c, false, 1); err != nil {
					return Item{}, err
				}
			default:
				return Item{}, d.syntax(c, `a name in quotes or "}"`)
			}
		case inArray:
			switch c {
			case ',':
			case ']':
				d.state = top
				if d.wrapped {
					d.state = inObject
				}
			default:
				it := Item{Line: d.line}
				d.buf, d.size = d.buf[:0], 0
				if err := d.value(c, true, 1); err != nil {
					return Item{}, err
				}
				if d.size > MaxItem {
					it.Long = d.size
				} else {
					it.Text = d.buf
				}
				if cap(d.buf) > 4<<20 {
					d.buf = nil
				}
				d.items++
				return it, nil
			}
		}
	}
}

// Items is how many elements were returned so far.
func (d *Reader) Items() int { return d.items }

// read returns the next byte, counting lines.
func (d *Reader) read() (byte, error) {
	c, err := d.r.ReadByte()
	if err == nil && c == '\n' {
		d.line++
	}
	return c, err
}

func (d *Reader) skipSpace() (byte, error) {
	for {
		c, err := d.read()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return c, nil
		}
	}
}

// value reads the rest of a JSON value whose first byte c was read,
// appending it to buf when keep (size counts every byte, buf holds at most
// MaxItem of them).
func (d *Reader) value(c byte, keep bool, depth int) error {
	if depth > MaxDepth {
		return backend.Errorf(backend.Invalid, "the JSON on line %d nests deeper than %d levels, which no export does", d.line, MaxDepth)
	}
	d.keep(keep, c)
	switch c {
	case '"':
		return d.str(keep)
	case '{', '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		for {
			c, err := d.skipSpace()
			if err != nil {
				return d.expected(c, err, fmt.Sprintf("%q", closer))
			}
			switch c {
			case closer:
				d.keep(keep, c)
				return nil
			case ',', ':':
				d.keep(keep, c)
			case '}', ']':
				return d.syntax(c, fmt.Sprintf("%q", closer))
			default:
				if err := d.value(c, keep, depth+1); err != nil {
					return err
				}
			}
		}
	}
	// A number, true, false or null: up to the next delimiter.
	for {
		c, err := d.r.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch c {
		case ',', ']', '}', ':', ' ', '\t', '\r', '\n', '"', '[', '{':
			return d.r.UnreadByte()
		}
		d.keep(keep, c)
	}
}

// str reads the rest of a string after its opening quote.
func (d *Reader) str(keep bool) error {
	for {
		c, err := d.read()
		if err != nil {
			return d.expected(c, err, `the closing quote of a string`)
		}
		d.keep(keep, c)
		switch c {
		case '"':
			return nil
		case '\\':
			c, err := d.read()
			if err != nil {
				return d.expected(c, err, "an escaped character")
			}
			d.keep(keep, c)
		}
	}
}

func (d *Reader) keep(keep bool, c byte) {
	if !keep {
		return
	}
	d.size++
	if d.size <= MaxItem {
		d.buf = append(d.buf, c)
	}
}

func (d *Reader) cut(what string) error {
	return backend.Errorf(backend.Invalid, "%s (line %d): the file is cut short; download the export again", what, d.line)
}

func (d *Reader) syntax(c byte, want string) error {
	return backend.Errorf(backend.Invalid, "line %d: Keel expected %s and found %q", d.line, want, rune(c))
}

func (d *Reader) expected(c byte, err error, want string) error {
	if errors.Is(err, io.EOF) {
		return d.cut("the file ends where Keel expected " + want)
	}
	if err != nil {
		return backend.Errorf(backend.Invalid, "the file could not be read (%v)", err)
	}
	return d.syntax(c, want)
}
