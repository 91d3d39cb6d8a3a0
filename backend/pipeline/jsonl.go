package pipeline

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"keel/importers"
)

// maxLine is the longest line a line importer is given; a longer line is
// rejected (with its number) and reading goes on at the next line.
const maxLine = 16 << 20

// lineReader reads one member line by line for a line importer (JSON
// lines, GA4 reports): every line, blank ones included, goes to the
// importer's LineFunc; lines that hold no data are not counted.
type lineReader struct {
	r     *bufio.Reader
	parse importers.LineFunc
	line  int // number of the last line read, from 1
	buf   []byte
}

func newLineReader(r *bufio.Reader, parse importers.LineFunc) *lineReader {
	return &lineReader{r: r, parse: parse}
}

func (l *lineReader) noData() string { return "the file holds no data lines" }

func (l *lineReader) next() (item, error) {
	for {
		text, long, err := l.readLine()
		if err != nil {
			return item{}, err
		}
		l.line++
		if l.line == 1 {
			text = bytes.TrimPrefix(text, []byte("\uFEFF"))
		}
		if long > 0 {
			return item{line: l.line, reason: fmt.Sprintf("the line is %.1f MiB long, longer than the %d MiB Keel reads", float64(long)/(1<<20), maxLine>>20)}, nil
		}
		rec, err := l.parse(text)
		switch {
		case err != nil:
			return item{line: l.line, reason: err.Error()}, nil
		case rec == nil:
			continue // blank, comment, a table's header: not a row
		}
		return item{line: l.line, rec: rec}, nil
	}
}

// readLine returns the next line without its line end ("\n" or "\r\n");
// io.EOF when there is none. For a line over maxLine it returns its length
// in long (and no text), having skipped it.
func (l *lineReader) readLine() (text []byte, long int64, err error) {
	l.buf = l.buf[:0]
	var n int64
	for {
		chunk, err := l.r.ReadSlice('\n')
		n += int64(len(chunk))
		if n <= maxLine {
			l.buf = append(l.buf, chunk...)
		}
		switch err {
		case nil:
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if n == 0 {
				return nil, 0, io.EOF
			}
		default:
			return nil, 0, err
		}
		break
	}
	if n > maxLine {
		if cap(l.buf) > 4<<20 {
			l.buf = nil
		}
		return nil, n, nil
	}
	text = bytes.TrimSuffix(l.buf, []byte("\n"))
	text = bytes.TrimSuffix(text, []byte("\r"))
	return text, 0, nil
}
