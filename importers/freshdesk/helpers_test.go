package freshdesk

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// realDir is the shared directory of real exports, relative to the package.
const realDir = "../../../shared/fixtures/real"

type rejected struct {
	line   int
	reason string
}

type result struct {
	header  *csvfile.Header
	detect  float64
	tickets []*backend.Ticket
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
	res := result{header: h, detect: Tickets{}.Detect(h)}
	parse, err := Tickets{}.Bind(h, opt)
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
			tk, ok := rec.(*backend.Ticket)
			if !ok {
				t.Fatalf("line %d: got %T, want *backend.Ticket", row.Line, rec)
			}
			res.tickets = append(res.tickets, tk)
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

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the import (run with -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func i64(n int64) *int64 { return &n }
