package pipeline

import (
	"bufio"
	"fmt"

	"keel/importers"
	"keel/importers/jsondoc"
)

// itemReader reads one member's JSON arrays element by element for an
// item importer (Intercom's conversations saved from its API): memory
// holds one element; each is reported with the line it starts on.
type itemReader struct {
	d     *jsondoc.Reader
	parse importers.ItemFunc
}

func newItemReader(r *bufio.Reader, parse importers.ItemFunc) *itemReader {
	return &itemReader{d: jsondoc.NewReader(r), parse: parse}
}

func (x *itemReader) next() (item, error) {
	for {
		it, err := x.d.Next()
		if err != nil {
			return item{}, err
		}
		if it.Long > 0 {
			return item{line: it.Line, reason: fmt.Sprintf("the record is %.1f MiB long, longer than the %d MiB Keel reads", float64(it.Long)/(1<<20), jsondoc.MaxItem>>20)}, nil
		}
		rec, err := x.parse(it.Text)
		switch {
		case err != nil:
			return item{line: it.Line, reason: err.Error()}, nil
		case rec == nil:
			continue // an element that holds no data: not a row
		}
		return item{line: it.Line, rec: rec}, nil
	}
}

func (x *itemReader) noData() string { return "the JSON holds no records (its array is empty)" }
