package csvfile

import (
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const realFixtures = "../../../shared/fixtures/real"

// TestRealFixtures opens every real export sample and reads all its rows:
// none may have a problem except in GA4 files (ragged by nature), and the
// rows must match what encoding/csv reads from the same bytes.
func TestRealFixtures(t *testing.T) {
	dir := realFixtures
	if _, err := os.Stat(dir); err != nil {
		dir = "/work/shared/fixtures/real"
	}
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".csv") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 20 {
		t.Fatalf("found %d fixtures under %s, want at least 20", len(files), dir)
	}
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.HasPrefix(data, []byte("{")) {
				// Mixpanel's raw export (JSON lines) saved as .csv: not a
				// table, said in one sentence; the line path reads it.
				_, err := Open(bytes.NewReader(data))
				if err == nil || err.Error() != "this file holds JSON, not a CSV table" {
					t.Errorf("Open = %v, want the JSON refusal", err)
				}
				return
			}
			f, _ := os.Open(path)
			defer f.Close()
			rd, rows := readAll(t, f)
			if rd.Encoding() != EncUTF8 || rd.Separator() != ',' {
				t.Errorf("encoding %s separator %q", rd.Encoding(), rd.Separator())
			}
			ga4 := strings.HasPrefix(rel, "ga4")
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			for _, r := range rows {
				if r.Problem != "" && !ga4 {
					t.Errorf("line %d: %s", r.Line, r.Problem)
				}
			}
			if rd.BytesRead() != int64(len(data)) {
				t.Errorf("BytesRead %d, want %d", rd.BytesRead(), len(data))
			}

			// Cross-check against encoding/csv (blank lines skipped by both).
			cr := csv.NewReader(strings.NewReader(string(data)))
			cr.FieldsPerRecord = -1
			cr.LazyQuotes = true
			var want [][]string
			for {
				rec, err := cr.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("encoding/csv: %v", err)
				}
				want = append(want, rec)
			}
			got := [][]string{rd.Header().Names}
			for _, r := range rows {
				got = append(got, r.Fields)
			}
			if len(got) != len(want) {
				t.Fatalf("%d records, encoding/csv reads %d", len(got), len(want))
			}
			for i := range want {
				if i == 0 {
					for j := range want[0] {
						want[0][j] = CleanName(want[0][j])
					}
				}
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("record %d: %q, encoding/csv: %q", i, got[i], want[i])
				}
			}
			// Line numbers agree with encoding/csv's too.
			cr = csv.NewReader(strings.NewReader(string(data)))
			cr.FieldsPerRecord = -1
			cr.LazyQuotes = true
			cr.Read()
			for i := 0; ; i++ {
				if _, err := cr.Read(); err != nil {
					break
				}
				line, _ := cr.FieldPos(0)
				if rows[i].Line != line {
					t.Errorf("row %d starts on line %d, encoding/csv says %d", i, rows[i].Line, line)
					break
				}
			}
		})
	}
}

// TestFixtureDetails checks a few known facts of the samples.
func TestFixtureDetails(t *testing.T) {
	open := func(rel string) (*Reader, []Row) {
		f, err := os.Open(filepath.Join(realFixtures, rel))
		if err != nil {
			f, err = os.Open(filepath.Join("/work/shared/fixtures/real", rel))
		}
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return readAll(t, f)
	}
	t.Run("stripe payments", func(t *testing.T) {
		rd, rows := open("stripe/payments_default_refunds/unified_payments.csv")
		h := rd.Header()
		if len(h.Names) != 23 || h.Index("ID") != 0 || h.Index("created (utc)", "Created date (UTC)") != 1 || !h.Has("Amount", "Currency", "Status") {
			t.Errorf("header %q", h.Names)
		}
		if len(rows) != 120 || rows[0].Get(h.Index("Amount")) != "8.00" || rows[0].Lookup("currency") != "usd" {
			t.Errorf("%d rows, first %q", len(rows), rows[0].Fields)
		}
	})
	t.Run("buy me a coffee quoted header", func(t *testing.T) {
		rd, rows := open("buymeacoffee/Supporters_list_2026-02-14.csv")
		if rd.Header().Index("supporter email") != 0 || rd.Header().Index("Supported On") != 5 {
			t.Errorf("header %q", rd.Header().Names)
		}
		if rows[0].Get(1) != "Redacted 74ba63c9" {
			t.Errorf("row %q", rows[0].Fields)
		}
	})
	t.Run("GA4 preamble", func(t *testing.T) {
		rd, rows := open("ga4/Reports_snapshot.csv")
		if rd.Header().Names[0] != "# ----------------------------------------" {
			t.Errorf("header %q", rd.Header().Names)
		}
		var found bool
		for _, r := range rows {
			if r.Get(0) == "Nth week" {
				found = r.Line == 9 && r.Get(1) == "Active users"
				break
			}
		}
		if !found {
			t.Error("table header 'Nth week' not found on line 9")
		}
	})
}
