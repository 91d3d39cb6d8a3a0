package posthog

import (
	"io"
	"os"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
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
	r := importertest.CSV[*backend.Event](t, Events{}, src, opt)
	res := result{header: r.Header, detect: r.Detect, events: r.Records, skipped: r.Skipped}
	for _, x := range r.Rejects {
		res.rejects = append(res.rejects, rejected{x.Line, x.Reason})
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
