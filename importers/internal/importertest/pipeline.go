package importertest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

// Import is one file run through detection, Bind and every RowFunc.
type Import struct {
	Detect   []importers.Match // every registered importer that claims the header
	Records  []backend.Record
	Rejected []string // "line N: reason"
	Skipped  int
}

// Run detects and imports a file as the pipeline does, with the importer
// source/kind. Every rejection must be a plain Invalid sentence and every
// record must have a key.
func Run(t *testing.T, h *csvfile.Header, rows []csvfile.Row, source, kind string, opt importers.Options) Import {
	t.Helper()
	res := Import{Detect: importers.Detect(h)}
	im := importers.Find(source, kind)
	if im == nil {
		t.Fatalf("no importer %s/%s", source, kind)
	}
	parse, err := im.Bind(h, opt)
	if err != nil {
		t.Fatalf("bind: %v", err)
	}
	for _, row := range rows {
		if row.Problem != "" {
			res.Rejected = append(res.Rejected, fmt.Sprintf("line %d: %s", row.Line, row.Problem))
			continue
		}
		rec, err := parse(row)
		switch {
		case err != nil:
			if backend.ErrorMessage(err) != err.Error() || backend.ErrorCode(err) != backend.Invalid {
				t.Errorf("line %d: the reason is not a plain Invalid sentence: %v", row.Line, err)
			}
			res.Rejected = append(res.Rejected, fmt.Sprintf("line %d: %s", row.Line, err))
		case rec == nil:
			res.Skipped++
		default:
			if rec.Key() == "" {
				t.Errorf("line %d: record without a key", row.Line)
			}
			res.Records = append(res.Records, rec)
		}
	}
	return res
}

// ImportFile detects, binds and parses one file and summarises the
// result for a golden file; every renders each record, else only the
// first. The file must be detected as source/kind, with no tie.
func ImportFile(t *testing.T, path, source, kind string, every bool) (string, Import) {
	t.Helper()
	h, rows := ReadCSV(t, path)
	res := Run(t, h, rows, source, kind, importers.Options{})
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s\n", filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path))

	ms := res.Detect
	if len(ms) == 0 {
		t.Fatalf("no importer claims %s", path)
	}
	if w := ms[0].Importer; w.Source() != source || w.Kind() != kind {
		t.Errorf("detected %s/%s, want %s/%s", w.Source(), w.Kind(), source, kind)
	}
	if len(ms) > 1 && ms[1].Confidence >= ms[0].Confidence {
		t.Errorf("tie: %s/%s and %s/%s both score %.2f", ms[0].Importer.Source(), ms[0].Importer.Kind(),
			ms[1].Importer.Source(), ms[1].Importer.Kind(), ms[0].Confidence)
	}
	b.WriteString("detect:")
	for _, m := range ms {
		fmt.Fprintf(&b, " %s/%s=%.2f", m.Importer.Source(), m.Importer.Kind(), m.Confidence)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "rows: %d\nrecords: %d\nskipped: %d\nrejected: %d\n", len(rows), len(res.Records), res.Skipped, len(res.Rejected))
	for _, r := range res.Rejected {
		fmt.Fprintf(&b, "  %s\n", r)
	}
	keys := map[string]int{}
	for _, r := range res.Records {
		keys[r.Key()]++
	}
	dups := 0
	for _, n := range keys {
		dups += n - 1
	}
	fmt.Fprintf(&b, "duplicate keys: %d\n", dups)
	b.WriteString(Totals(res.Records))
	switch {
	case every:
		for _, r := range res.Records {
			b.WriteString(Render(r))
		}
	case len(res.Records) > 0:
		b.WriteString("first record:\n")
		b.WriteString(Render(res.Records[0]))
	}
	return b.String(), res
}
