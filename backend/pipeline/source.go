package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sync"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
	"keel/importers"
	"keel/importers/csvfile"
)

// item is one data row of the input, whatever its format: a CSV row or a
// line of a line importer.
type item struct {
	line   int
	rec    backend.Record // nil with no reason: a row that is not data (skipped)
	reason string         // non-empty: the row is rejected
	row    workspace.Row  // rec made ready for storing (single records only)
	ready  bool           // row is set
}

// rowReader yields the data rows of one member, io.EOF at its end.
type rowReader interface {
	next() (item, error)
	noData() string // why a member without rows is refused
}

// rows yields the data rows of every member of the input, in order, all
// read by one importer.
type rows struct {
	in   *input
	im   importers.Importer
	req  Request
	auto bool // the importer was detected: every member must be its kind
	cur  rowReader
	path string // current member's path in a ZIP archive, for messages
	// notes are what the importer assumed about the file, each said once
	// (see importers.Options.Note).
	notes []string
	base  func() string    // the workspace's base currency, for importers.Options
	dates importers.Window // the dates a record may hold (importers.Check)
}

// look is the first member of an input with its start sniffed.
type look struct {
	m      *member
	head   []byte          // the start of the text, without BOM, cut after a line end (see importers.HeadSize)
	header *csvfile.Header // the CSV header of that start; nil when it is not one
	cut    bool            // the first line goes on past head: header holds its first columns only
}

func sniff(m *member) look {
	head, err := m.r.Peek(importers.HeadSize)
	atEOF := err != nil // io.EOF, or a read error that reading will meet again
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	if !atEOF {
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	l := look{m: m, head: head, cut: !atEOF && bytes.IndexByte(head, '\n') < 0}
	if rd, err := csvfile.Open(bytes.NewReader(head)); err == nil {
		l.header = rd.Header()
	}
	return l
}

// openRows opens the input, picks the importer (the one asked for, else the
// best detection of the first member) and binds it to the first member.
func openRows(db *workspace.DB, in io.Reader, counter *countingReader, size int64, req Request, file string) (*rows, error) {
	inp, err := openInput(in, counter, size, file, req.Member)
	if err != nil {
		return nil, err
	}
	m, err := inp.nextMember()
	if err != nil {
		return nil, err
	}
	l := sniff(m)
	if l.header == nil && len(importers.DetectAll(nil, l.head)) == 0 && req.Source == "" && req.Kind == "" {
		// Not CSV and no line importer wants it: the CSV layer says why
		// (empty, binary, …).
		if _, err := csvfile.Open(m.r); err != nil {
			return nil, inMember(m, err)
		}
	}
	im, err := choose(db, l.header, l.head, req)
	if err != nil {
		if l.cut {
			// A first line longer than the start sniffed: the CSV layer
			// may know better why it is not a header (too many columns).
			if _, oerr := csvfile.Open(m.r); oerr != nil {
				return nil, inMember(m, oerr)
			}
		}
		return nil, inMember(m, err)
	}
	r := &rows{in: inp, im: im, req: req, auto: req.Source == "" && req.Kind == "", base: baseCurrency(db),
		dates: importers.NewWindow(db.Now(), req.Options.AllowDates)}
	if err := r.bind(l); err != nil {
		return nil, err
	}
	return r, nil
}

// bind prepares the reader of one member.
func (r *rows) bind(l look) error {
	opt := r.req.Options
	opt.File = l.m.name
	if opt.BaseCurrency == nil {
		opt.BaseCurrency = r.base
	}
	opt.Note = r.note
	r.path = l.m.path
	if importers.ReadsItems(r.im, l.head) {
		parse, err := r.im.(importers.ItemImporter).BindItems(opt)
		if err != nil {
			return inMember(l.m, err)
		}
		r.cur = newItemReader(l.m.r, parse)
		return nil
	}
	if importers.ReadsLines(r.im, l.head) {
		parse, err := r.im.(importers.LineImporter).BindLines(opt)
		if err != nil {
			return inMember(l.m, err)
		}
		r.cur = newLineReader(l.m.r, parse)
		return nil
	}
	rd, err := csvfile.Open(l.m.r)
	if err != nil {
		return inMember(l.m, err)
	}
	parse, err := r.im.Bind(rd.Header(), opt)
	if err == nil {
		err = rd.Header().Ambiguity()
	}
	if err != nil {
		return inMember(l.m, err)
	}
	r.cur = &csvRows{rd: rd, parse: parse}
	return nil
}

// next returns the next data row of the input, io.EOF after the last
// member. Rows of a ZIP member name the member in their reason.
func (r *rows) next() (item, error) {
	for {
		it, err := r.cur.next()
		if err == io.EOF {
			m, err := r.in.nextMember()
			if err != nil {
				return item{}, err // io.EOF at the end
			}
			l := sniff(m)
			if r.auto {
				if err := r.sameKind(l); err != nil {
					return item{}, err
				}
			}
			if err := r.bind(l); err != nil {
				return item{}, err
			}
			continue
		}
		if err != nil {
			return item{}, err
		}
		if rs, ok := it.rec.(importers.Records); ok {
			switch len(rs) {
			case 0:
				it.rec = nil
			case 1:
				it.rec = rs[0]
			}
		}
		if it.rec != nil && it.rec != importers.Duplicate {
			if why := importers.Check(it.rec, r.dates); why != "" {
				it.rec, it.reason = nil, why
			}
		}
		if it.reason != "" && r.path != "" {
			it.reason = r.path + ": " + it.reason
		}
		return it, nil
	}
}

// sameKind refuses an archive member that the detector sees as another kind
// than the first member (a ZIP of several kinds of export is unpacked and
// imported file by file).
func (r *rows) sameKind(l look) error {
	ms := importers.DetectAll(l.header, l.head)
	if len(ms) > 0 && ms[0].Importer == r.im {
		return nil
	}
	for _, m := range ms {
		if m.Importer == r.im && m.Confidence >= minConfidence {
			return nil
		}
	}
	what := "a file Keel does not recognise"
	if len(ms) > 0 {
		what = ms[0].Importer.Label()
	}
	return backend.Errorf(backend.Invalid,
		"%s in the archive is %s, not %s like the files before it; unpack the archive and import its files one by one",
		l.m.path, what, r.im.Label())
}

func (r *rows) pos() int64 { return r.in.pos() }

// note keeps an importer's note, once however many members repeat it.
func (r *rows) note(text string) {
	if !slices.Contains(r.notes, text) {
		r.notes = append(r.notes, text)
	}
}

// baseCurrency is the workspace's base currency, looked up once and only
// when an importer asks (a file without its currency).
func baseCurrency(db *workspace.DB) func() string {
	return sync.OnceValue(func() string {
		cur, err := revenue.BaseCurrency(db)
		if err != nil {
			return ""
		}
		return cur
	})
}

func (r *rows) close() { r.in.close() }

// inMember names the archive member an error is about.
func inMember(m *member, err error) error {
	if m.path == "" {
		return err
	}
	return backend.Errorf(backend.ErrorCode(err), "%s in the archive: %s", m.path, backend.ErrorMessage(err))
}

// csvRows reads one CSV member through its importer.
type csvRows struct {
	rd    *csvfile.Reader
	parse importers.RowFunc
}

func (c *csvRows) noData() string { return "the file has a header but no data rows" }

func (c *csvRows) next() (item, error) {
	row, err := c.rd.Next()
	if err != nil {
		return item{}, err
	}
	it := item{line: row.Line, reason: row.Problem}
	if it.reason == "" {
		rec, err := c.parse(row)
		if err != nil {
			it.reason = err.Error()
		} else {
			it.rec = rec
		}
	}
	return it, nil
}

// store writes a chunk's records, one outcome per row: in multi-row
// statements when every row is a single prepared record
// (workspace.PutMany), else row by row.
func store(b *workspace.Batch, items []*item, buf *[]workspace.Row) ([]workspace.Outcome, error) {
	rows := (*buf)[:0]
	defer func() { *buf = rows }()
	for _, it := range items {
		if !it.ready {
			outs := make([]workspace.Outcome, len(items))
			for i, it := range items {
				o, err := put(b, it.rec)
				if err != nil {
					return nil, err
				}
				outs[i] = o
			}
			return outs, nil
		}
		rows = append(rows, it.row)
	}
	return b.PutMany(rows)
}

// put stores a row's record, or each of its records, with one outcome for
// the row: Inserted when one record is new, else Updated when one changed,
// else Older when one was older than the stored row, else Duplicate.
func put(b *workspace.Batch, rec backend.Record) (workspace.Outcome, error) {
	rs, ok := rec.(importers.Records)
	if !ok {
		return b.Put(rec)
	}
	out := workspace.Duplicate
	for _, r := range rs {
		o, err := b.Put(r)
		if err != nil {
			return 0, err
		}
		if o == workspace.Inserted || o == workspace.Updated && out != workspace.Inserted ||
			o == workspace.Older && out == workspace.Duplicate {
			out = o
		}
	}
	return out, nil
}

// describe is the file's start for a message: its header's first columns,
// or that it is not a CSV table.
func describe(h *csvfile.Header) string {
	if h == nil {
		return "it is not a CSV table Keel can read"
	}
	return fmt.Sprintf("its columns start %s", headStart(h))
}
