package posthog

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

type rejected struct {
	line   int
	reason string
}

type result struct {
	header  *csvfile.Header
	detect  float64
	events  []*backend.Event
	rejects []rejected
	skipped int
}

// run reads src through csvfile and the importer, as the pipeline does.
func run(t *testing.T, src io.Reader, opt importers.Options) result {
	t.Helper()
	r, err := csvfile.Open(src)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	h := r.Header()
	res := result{header: h, detect: Events{}.Detect(h)}
	parse, err := Events{}.Bind(h, opt)
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
			res.rejects = append(res.rejects, rejected{row.Line, err.Error()})
		case rec == nil:
			res.skipped++
		default:
			ev, ok := rec.(*backend.Event)
			if !ok {
				t.Fatalf("line %d: got %T, want *backend.Event", row.Line, rec)
			}
			res.events = append(res.events, ev)
		}
	}
	return res
}

func runString(t *testing.T, s string, opt importers.Options) result {
	t.Helper()
	return run(t, strings.NewReader(s), opt)
}

func runFile(t *testing.T, path string, opt importers.Options) result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return run(t, f, opt)
}

func header(t *testing.T, line string) *csvfile.Header {
	t.Helper()
	r, err := csvfile.Open(strings.NewReader(line + "\n"))
	if err != nil {
		t.Fatalf("open %q: %v", line, err)
	}
	return r.Header()
}
