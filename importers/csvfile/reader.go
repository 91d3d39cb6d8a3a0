package csvfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"keel/backend"
)

// MaxField is the longest field accepted, in bytes.
const MaxField = 1 << 20

// Limits on the width of a record, so that memory does not grow with it:
// a header of more than MaxColumns names is not a header; a row with more
// than FieldSlack fields beyond its header's, or longer than MaxRecord
// bytes, is rejected with its line (its excess is counted, not kept).
const (
	MaxColumns = 16384
	FieldSlack = 64
	MaxRecord  = 16 << 20
)

const (
	sniffSize = 64 << 10  // bytes looked at to guess encoding and separator
	bufSize   = 256 << 10 // read buffer of decoded text
	keepRec   = 4 << 20   // record buffer capacity kept between records
)

// Reader reads a delimited text file record by record, streaming: memory
// use is a fixed buffer plus the current record (each field held to at
// most MaxField bytes), whatever the size of the file.
type Reader struct {
	src      io.Reader       // decoded UTF-8 text after the sniffed prefix
	raw      *countingReader // raw input, for transcoded files (nil for UTF-8)
	rawBase  int64           // raw bytes before buf's text (BOM) for UTF-8
	encoding string
	sep      byte
	repair   bool     // UTF-8 input: re-read invalid bytes as Windows-1252
	slab     []string // string headers handed out by fieldSlice

	buf      []byte
	pos, end int
	eof      bool
	err      error // sticky: read error or malformed quoting
	consumed int64 // decoded bytes before buf[0]
	line     int   // line number at buf[pos]

	// current record
	rec       []byte // field bytes, back to back
	ends      []int  // end offset in rec of each field
	flen      int64  // full length of the current field (may exceed what is kept)
	fstart    int    // start in rec of the current field
	longest   int64  // longest field over MaxField in the record, 0 if none
	quoted    bool   // some field of the record was quoted
	nfields   int    // fields read in the record, kept or not
	maxFields int    // fields kept per record: MaxColumns for the header, then the header's + FieldSlack
	tooLong   bool   // the record is over MaxRecord bytes
	special   [256]bool
	qspecial  [256]bool

	header *Header
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Open sniffs encoding and separator from the start of r and reads the
// header row. Errors are *backend.Error (Invalid) with a plain sentence:
// empty file, binary file, no header.
func Open(r io.Reader) (*Reader, error) {
	prefix := make([]byte, sniffSize)
	n, err := io.ReadFull(r, prefix)
	atEOF := false
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		atEOF = true
	case err != nil:
		return nil, readError(err)
	}
	prefix = prefix[:n]
	if n == 0 {
		return nil, backend.Errorf(backend.Invalid, "the file is empty")
	}

	sn := sniffEncoding(prefix, atEOF)
	if sn.binary {
		return nil, backend.Errorf(backend.Invalid, "this is not a text file (it looks binary)")
	}
	body := prefix[sn.bomLen:]
	if len(body) == 0 {
		return nil, backend.Errorf(backend.Invalid, "the file is empty")
	}
	text := decodePrefix(sn.name, body)
	if (sn.name == EncUTF16LE || sn.name == EncUTF16BE) && tooManyControlRunes(text) {
		return nil, backend.Errorf(backend.Invalid, "this is not a text file (it looks binary)")
	}
	if what := jsonText(text); what != "" {
		return nil, backend.Errorf(backend.Invalid, "this file holds %s, not a CSV table", what)
	}

	rd := &Reader{
		encoding:  sn.name,
		sep:       sniffSeparator(text),
		buf:       make([]byte, bufSize),
		line:      1,
		maxFields: MaxColumns,
	}
	if dec := decoder(sn.name); dec != nil {
		rd.raw = &countingReader{r: io.MultiReader(bytes.NewReader(prefix), r)}
		// Skip the BOM through the counter so that BytesRead includes it.
		if _, err := io.CopyN(io.Discard, rd.raw, int64(sn.bomLen)); err != nil {
			return nil, readError(err)
		}
		rd.src = transform.NewReader(rd.raw, dec)
	} else {
		rd.src = r
		rd.rawBase = int64(sn.bomLen)
		rd.repair = true
		rd.end = copy(rd.buf, body)
		rd.eof = atEOF
	}
	for _, b := range []byte{rd.sep, '\n', '\r'} {
		rd.special[b] = true
	}
	for _, b := range []byte{'"', '\n', '\r'} {
		rd.qspecial[b] = true
	}

	row, err := rd.Next()
	switch {
	case err == io.EOF:
		return nil, backend.Errorf(backend.Invalid, "the file is empty (it has only blank lines)")
	case err != nil:
		return nil, err
	case rd.longest > 0:
		return nil, backend.Errorf(backend.Invalid,
			"the first row has a field longer than 1 MiB, so it is not a header row (is this really a CSV export?)")
	case rd.nfields > MaxColumns || rd.tooLong:
		return nil, backend.Errorf(backend.Invalid,
			"the first row has more than %d columns, so it is not a header row (is this really a CSV export?)", MaxColumns)
	}
	rd.maxFields = len(row.Fields) + FieldSlack
	h := &Header{Names: row.Fields}
	for i, name := range h.Names {
		h.Names[i] = CleanName(name)
	}
	rd.header = h
	return rd, nil
}

// readError is a read that failed: a sentence of the reader below (an
// archive's zip-bomb guard) as it is, any other failure wrapped in one.
func readError(err error) error {
	var be *backend.Error
	if errors.As(err, &be) {
		return be
	}
	return backend.Errorf(backend.Internal, "the file could not be read (%v)", err)
}

// Header returns the header row.
func (r *Reader) Header() *Header { return r.header }

// Encoding names what was detected: "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252".
func (r *Reader) Encoding() string { return r.encoding }

// Separator is the detected field separator.
func (r *Reader) Separator() rune { return rune(r.sep) }

// DecimalComma reports whether amounts likely use a decimal comma (a `;`
// separated file, as Excel writes in comma-decimal locales).
func (r *Reader) DecimalComma() bool { return r.sep == ';' }

// BytesRead is how far into the underlying input the reader is (for progress).
func (r *Reader) BytesRead() int64 {
	text := r.consumed + int64(r.pos)
	if r.raw == nil {
		return r.rawBase + text
	}
	// Transcoded: scale the text position by the raw/decoded ratio so far.
	decoded := r.consumed + int64(r.end)
	if decoded == 0 || (r.eof && r.pos >= r.end) {
		return r.raw.n
	}
	return r.raw.n * text / decoded
}

// Next returns the next non-blank record, io.EOF at the end. A row whose
// field count differs from the header's, or with a field over MaxField
// bytes, is returned with Row.Problem set (the pipeline rejects it) rather
// than as an error; err is only for unreadable input.
//
// Blank lines, and lines holding nothing but separators and spaces (as
// spreadsheets write for empty rows), are skipped but counted in line
// numbers. Each Row has its own Fields slice, safe to keep.
func (r *Reader) Next() (Row, error) {
	for {
		line, err := r.readRecord()
		if err != nil {
			return Row{}, err
		}
		if r.blank() {
			continue
		}
		row := Row{Line: line, Fields: r.fields(), header: r.header}
		switch {
		case r.header != nil && r.nfields > r.maxFields:
			row.Problem = fmt.Sprintf("row has more than %d fields but the header has %d", r.maxFields, len(r.header.Names))
		case r.tooLong:
			row.Problem = fmt.Sprintf("the row is longer than %d MiB", MaxRecord>>20)
		case r.longest > 0:
			row.Problem = fmt.Sprintf("a field is longer than 1 MiB (%.1f MiB)", float64(r.longest)/(1<<20))
		case r.header != nil && len(row.Fields) != len(r.header.Names):
			row.Problem = fmt.Sprintf("row has %s but the header has %d", plural(len(row.Fields), "field"), len(r.header.Names))
		}
		if cap(r.rec) > keepRec {
			r.rec = nil
		}
		return row, nil
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// blank reports whether the record just read holds no data: no quoted
// field and nothing but spaces in every field.
func (r *Reader) blank() bool {
	if r.quoted {
		return false
	}
	for _, b := range r.rec {
		if b != ' ' && b != '\t' {
			return false
		}
	}
	return true
}

// fields turns the record buffer into strings sharing one allocation.
func (r *Reader) fields() []string {
	var s string
	if r.repair && !utf8.Valid(r.rec) {
		return r.repairedFields()
	}
	s = string(r.rec)
	out := r.fieldSlice(len(r.ends))
	start := 0
	for i, end := range r.ends {
		out[i] = s[start:end]
		start = end
	}
	return out
}

// fieldSlice hands out n string headers from a shared block: one
// allocation per few hundred rows instead of one per row. Each row's slice
// is capped, so appending to it cannot reach the next row's fields.
func (r *Reader) fieldSlice(n int) []string {
	if len(r.slab)+n > cap(r.slab) {
		r.slab = make([]string, 0, max(4096, n))
	}
	out := r.slab[len(r.slab) : len(r.slab)+n : len(r.slab)+n]
	r.slab = r.slab[:len(r.slab)+n]
	return out
}

func (r *Reader) repairedFields() []string {
	out := make([]string, len(r.ends))
	start := 0
	for i, end := range r.ends {
		f := r.rec[start:end]
		if utf8.Valid(f) {
			out[i] = string(f)
		} else {
			out[i] = repairUTF8(f)
		}
		start = end
	}
	return out
}

// fill reads more text into the buffer; it is only called when the buffer
// is used up (pos == end). It reports whether any byte is available.
func (r *Reader) fill() bool {
	if r.pos < r.end {
		return true
	}
	r.consumed += int64(r.end)
	r.pos, r.end = 0, 0
	for !r.eof {
		n, err := r.src.Read(r.buf)
		r.end = n
		if err != nil {
			r.eof = true
			if err != io.EOF {
				r.err = readError(err)
			}
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// peek returns the next byte without consuming it.
func (r *Reader) peek() (byte, bool) {
	if r.pos >= r.end && !r.fill() {
		return 0, false
	}
	return r.buf[r.pos], true
}

// keep appends bytes of the current field, holding at most MaxField of
// it, MaxRecord of the record and nothing of a field past maxFields.
func (r *Reader) keep(p []byte) {
	r.flen += int64(len(p))
	if room := r.room(); room > 0 {
		if len(p) > room {
			p = p[:room]
		}
		r.rec = append(r.rec, p...)
	}
}

func (r *Reader) keepByte(b byte) {
	r.flen++
	if r.room() > 0 {
		r.rec = append(r.rec, b)
	}
}

// room is how many more bytes of the current field are kept.
func (r *Reader) room() int {
	if r.nfields >= r.maxFields {
		return 0
	}
	room := MaxField - (len(r.rec) - r.fstart)
	if rest := MaxRecord - len(r.rec); rest < room {
		room = rest
		if rest <= 0 {
			r.tooLong = true
		}
	}
	return room
}

// endField closes the current field.
func (r *Reader) endField() {
	if r.nfields < r.maxFields {
		r.ends = append(r.ends, len(r.rec))
	}
	r.nfields++
	if r.flen > MaxField && r.flen > r.longest {
		r.longest = r.flen
	}
	r.fstart, r.flen = len(r.rec), 0
}

// newline consumes a line end whose first byte ('\n' or '\r') was just
// consumed; "\r\n" counts as one line end, a lone '\r' (old Mac files) too.
func (r *Reader) newline(b byte) {
	r.line++
	if b == '\r' {
		if c, ok := r.peek(); ok && c == '\n' {
			r.pos++
		}
	}
}

// readRecord reads one physical record into rec/ends and returns the line
// it starts on; blank lines before it are skipped.
func (r *Reader) readRecord() (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	r.rec, r.ends = r.rec[:0], r.ends[:0]
	r.fstart, r.flen, r.longest, r.quoted, r.nfields, r.tooLong = 0, 0, 0, false, 0, false

	// Skip empty lines.
	for {
		c, ok := r.peek()
		if !ok {
			if r.err != nil {
				return 0, r.err
			}
			return 0, io.EOF
		}
		if c != '\n' && c != '\r' {
			break
		}
		r.pos++
		r.newline(c)
	}
	start := r.line

	for {
		// Start of a field.
		if c, ok := r.peek(); ok && c == '"' {
			r.pos++
			r.quoted = true
			if err := r.quotedPart(); err != nil {
				r.err = err
				return 0, err
			}
		}
		// Unquoted field, or what follows a closing quote up to the separator.
		for {
			if r.pos >= r.end && !r.fill() {
				r.endField()
				if r.err != nil {
					return 0, r.err
				}
				return start, nil
			}
			b := r.buf[r.pos:r.end]
			i := 0
			for i < len(b) && !r.special[b[i]] {
				i++
			}
			r.keep(b[:i])
			r.pos += i
			if i == len(b) {
				continue
			}
			c := b[i]
			r.pos++
			r.endField()
			if c == r.sep {
				break // next field
			}
			r.newline(c)
			return start, nil
		}
	}
}

// quotedPart reads a quoted field after its opening quote, up to and
// including the closing quote. `""` is a literal quote; line ends inside
// are kept (as "\n") and counted. Text right after the closing quote is
// left for the caller, which reads it as part of the field (lenient, like
// spreadsheets).
func (r *Reader) quotedPart() error {
	startLine := r.line
	for {
		if r.pos >= r.end && !r.fill() {
			if r.err != nil {
				return r.err
			}
			return backend.Errorf(backend.Invalid,
				`line %d: a quoted field starts here but its closing quote (") is missing`, startLine)
		}
		b := r.buf[r.pos:r.end]
		i := 0
		for i < len(b) && !r.qspecial[b[i]] {
			i++
		}
		r.keep(b[:i])
		r.pos += i
		if i == len(b) {
			continue
		}
		c := b[i]
		r.pos++
		switch c {
		case '"':
			if n, ok := r.peek(); ok && n == '"' {
				r.pos++
				r.keepByte('"')
				continue
			}
			return nil
		default: // '\n' or '\r'
			r.newline(c)
			r.keepByte('\n')
		}
	}
}
