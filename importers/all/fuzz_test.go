package all

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/jsondoc"
)

// maxRows bounds the rows read per importer and input: the point is the
// variety of inputs, not their length.
const maxRows = 50

// FuzzImporters runs every registered importer over any bytes, as the
// pipeline would: detection (CSV header, lines, JSON), then Bind and every
// row through its path. Nothing panics; every refusal and every rejected
// row is a sentence; every record has a key and, once checked, its dates
// and money are in range or the check says why not.
// Seeded from the real exports and the importers' own test files.
func FuzzImporters(f *testing.F) {
	for _, dir := range []string{"../../../shared/fixtures/real", ".."} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".golden") || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".md") ||
				strings.Contains(p, "/fuzz/") || (dir == ".." && !strings.Contains(p, "/testdata/")) {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b[:min(len(b), 4<<10)])
			}
			return nil
		})
	}
	today := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	window := importers.NewWindow(today, false)
	f.Fuzz(func(t *testing.T, data []byte) {
		head := data[:min(len(data), importers.HeadSize)]
		var h *csvfile.Header
		if rd, err := csvfile.Open(bytes.NewReader(head)); err == nil {
			h = rd.Header()
		}
		importers.DetectAll(h, head)
		opt := importers.Options{Location: time.UTC, File: "export.csv", Note: func(s string) {
			if s == "" {
				t.Fatal("an empty note")
			}
		}}
		for _, im := range importers.All() {
			check := func(where string, rec backend.Record, err error) {
				t.Helper()
				switch {
				case err != nil:
					sentence(t, im, where, err)
				case rec == nil || rec == importers.Duplicate:
				default:
					recs := []backend.Record{rec}
					if rs, ok := rec.(importers.Records); ok {
						recs = rs
					}
					for _, r := range recs {
						if r.Key() == "" {
							t.Fatalf("%s/%s %s: a record without a key: %#v", im.Source(), im.Kind(), where, r)
						}
					}
					importers.Check(rec, window)
				}
			}
			switch {
			case importers.ReadsItems(im, head):
				parse, err := im.(importers.ItemImporter).BindItems(opt)
				if err != nil {
					sentence(t, im, "bind", err)
					continue
				}
				d := jsondoc.NewReader(bufio.NewReader(bytes.NewReader(data)))
				for n := 0; n < maxRows; n++ {
					it, err := d.Next()
					if err != nil {
						if err != io.EOF {
							sentence(t, im, "document", err)
						}
						break
					}
					if it.Long == 0 {
						rec, err := parse(it.Text)
						check("item", rec, err)
					}
				}
			case importers.ReadsLines(im, head):
				parse, err := im.(importers.LineImporter).BindLines(opt)
				if err != nil {
					sentence(t, im, "bind", err)
					continue
				}
				sc := bufio.NewScanner(bytes.NewReader(data))
				sc.Buffer(nil, 1<<20)
				for n := 0; n < maxRows && sc.Scan(); n++ {
					rec, err := parse(bytes.TrimSuffix(sc.Bytes(), []byte("\r")))
					check("line", rec, err)
				}
			default:
				rd, err := csvfile.Open(bytes.NewReader(data))
				if err != nil {
					continue // the CSV layer's own fuzz test checks its sentences
				}
				parse, err := im.Bind(rd.Header(), opt)
				if err != nil {
					sentence(t, im, "bind", err)
					continue
				}
				for n := 0; n < maxRows; n++ {
					row, err := rd.Next()
					if err != nil {
						break
					}
					if row.Problem != "" {
						continue
					}
					rec, err := parse(row)
					check("row", rec, err)
				}
			}
		}
	})
}

// sentence fails unless err is a sentence for the founder.
func sentence(t *testing.T, im importers.Importer, where string, err error) {
	t.Helper()
	var be *backend.Error
	if !errors.As(err, &be) || be.Message == "" || backend.ErrorMessage(err) != err.Error() {
		t.Fatalf("%s/%s %s: not a sentence: %#v", im.Source(), im.Kind(), where, err)
	}
}
