package importertest

import (
	"encoding/json"
	"errors"
	"io"
	"testing"

	"keel/backend"
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
			unpack(t, rec)
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

// unpack turns attributes an importer wrote as JSON text (AttrsJSON) back
// into Attrs, after checking the text is what Attrs.JSON writes for them,
// so that tests compare records however the importer built them.
func unpack(t *testing.T, rec backend.Record) {
	t.Helper()
	var a *backend.Attrs
	var text *string
	switch r := rec.(type) {
	case *backend.Event:
		a, text = &r.Attrs, &r.AttrsJSON
	case *backend.Ticket:
		a, text = &r.Attrs, &r.AttrsJSON
	default:
		return
	}
	if *text == "" {
		return
	}
	if err := json.Unmarshal([]byte(*text), a); err != nil {
		t.Fatalf("%s: attributes %q: %v", rec.Key(), *text, err)
	}
	if got := a.JSON(); got != *text {
		t.Fatalf("%s: attributes written as %s, Attrs.JSON writes %s", rec.Key(), *text, got)
	}
	*text = ""
}
