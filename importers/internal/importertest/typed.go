package importertest

import (
	"errors"
	"io"
	"testing"

	"keel/importers"
	"keel/importers/csvfile"
)

// Typed is what one CSV importer made of a file, its records of type R.
type Typed[R any] struct {
	Header  *csvfile.Header
	Detect  float64
	Records []R
	Rejects []Reject
	Skipped int
}

// CSV reads src through csvfile and im alone, as the pipeline does once im
// is chosen, every row going to the parser; a record that is not an R
// fails the test.
func CSV[R any](t *testing.T, im importers.Importer, src io.Reader, opt importers.Options) Typed[R] {
	t.Helper()
	r, err := csvfile.Open(src)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	h := r.Header()
	res := Typed[R]{Header: h, Detect: im.Detect(h)}
	parse, err := im.Bind(h, opt)
	if err != nil {
		t.Fatalf("bind: %v", err)
	}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		rec, err := parse(row)
		switch {
		case err != nil:
			res.Rejects = append(res.Rejects, Reject{row.Line, err.Error()})
		case rec == nil:
			res.Skipped++
		default:
			x, ok := rec.(R)
			if !ok {
				var want R
				t.Fatalf("line %d: got %T, want %T", row.Line, rec, want)
			}
			res.Records = append(res.Records, x)
		}
	}
	return res
}
