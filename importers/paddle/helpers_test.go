package paddle

// This test helper file is shared, word for word, by the billing importer
// packages outside Stripe; only the package line differs.

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// realDir holds the real exports (see its PROVENANCE.md); CI has it.
const realDir = "../../../shared/fixtures/real"

func needReal(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(realDir); errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s does not exist", realDir)
	}
}

// realFiles lists every real export.
func realFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*/*.csv", "*/*/*.csv"} {
		m, err := filepath.Glob(filepath.Join(realDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) < 10 {
		t.Fatalf("only %d real files in %s", len(files), realDir)
	}
	return files
}

// readCSV opens a file with the shared reading layer and reads every row.
func readCSV(t *testing.T, path string) (*csvfile.Header, []csvfile.Row) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	return readFrom(t, fh, path)
}

func readFrom(t *testing.T, src io.Reader, name string) (*csvfile.Header, []csvfile.Row) {
	t.Helper()
	r, err := csvfile.Open(src)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	var rows []csvfile.Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		rows = append(rows, row)
	}
	return r.Header(), rows
}

// header builds a header from a comma-separated list of names.
func header(names string) *csvfile.Header {
	return csvfile.NewHeader(strings.Split(names, ",")...)
}

// result is one file run through detection, Bind and every RowFunc.
type result struct {
	detect   []importers.Match
	records  []backend.Record
	rejected []string
	skipped  int
}

// run detects and imports a file as the pipeline does, with the importer
// source/kind.
func run(t *testing.T, h *csvfile.Header, rows []csvfile.Row, kind string, opt importers.Options) result {
	t.Helper()
	res := result{detect: importers.Detect(h)}
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
			res.rejected = append(res.rejected, fmt.Sprintf("line %d: %s", row.Line, row.Problem))
			continue
		}
		rec, err := parse(row)
		switch {
		case err != nil:
			if backend.ErrorMessage(err) != err.Error() || backend.ErrorCode(err) != backend.Invalid {
				t.Errorf("line %d: the reason is not a plain Invalid sentence: %v", row.Line, err)
			}
			res.rejected = append(res.rejected, fmt.Sprintf("line %d: %s", row.Line, err))
		case rec == nil:
			res.skipped++
		default:
			if rec.Key() == "" {
				t.Errorf("line %d: record without a key", row.Line)
			}
			res.records = append(res.records, rec)
		}
	}
	return res
}

// importFile detects, binds and parses one file and summarises the
// result; every renders each record, else only the first.
func importFile(t *testing.T, path, kind string, every bool) (string, result) {
	t.Helper()
	h, rows := readCSV(t, path)
	res := run(t, h, rows, kind, importers.Options{})
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s\n", filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path))

	ms := res.detect
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
	fmt.Fprintf(&b, "rows: %d\nrecords: %d\nskipped: %d\nrejected: %d\n", len(rows), len(res.records), res.skipped, len(res.rejected))
	for _, r := range res.rejected {
		fmt.Fprintf(&b, "  %s\n", r)
	}
	keys := map[string]int{}
	for _, r := range res.records {
		keys[r.Key()]++
	}
	dups := 0
	for _, n := range keys {
		dups += n - 1
	}
	fmt.Fprintf(&b, "duplicate keys: %d\n", dups)
	b.WriteString(totals(res.records))
	switch {
	case every:
		for _, r := range res.records {
			b.WriteString(render(r))
		}
	case len(res.records) > 0:
		b.WriteString("first record:\n")
		b.WriteString(render(res.records[0]))
	}
	return b.String(), res
}

// totals counts and sums the records by the groups that matter for
// metrics, in minor units.
func totals(recs []backend.Record) string {
	type sums struct {
		n int
		v []int64
	}
	groups := map[string]*sums{}
	add := func(key string, vals ...int64) {
		s := groups[key]
		if s == nil {
			s = &sums{v: make([]int64, len(vals))}
			groups[key] = s
		}
		s.n++
		for i, v := range vals {
			s.v[i] += v
		}
	}
	var header string
	test, attrsN := 0, 0
	for _, r := range recs {
		switch r := r.(type) {
		case *backend.Payment:
			header = "count amount refunded"
			add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Amount, r.Refunded)
			if r.Converted != nil {
				add(fmt.Sprintf("converted %s", r.ConvertedCurrency), *r.Converted, 0)
			}
			if r.Fee != nil {
				add("fee", *r.Fee, 0)
			}
			if r.DisputedAmount != nil {
				add("disputed "+r.DisputeStatus, *r.DisputedAmount, 0)
			}
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		case *backend.Customer:
			header = "count"
			add(fmt.Sprintf("currency %q", r.Currency))
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		case *backend.Subscription:
			header = "count amount quantity"
			add(fmt.Sprintf("%s %s %s/%d", r.Currency, r.Status, r.Interval, r.IntervalCount), r.Amount, r.Quantity)
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		case *backend.Invoice:
			header = "count subtotal discount tax total due paid"
			add(fmt.Sprintf("%s %s", r.Currency, r.Status), r.Subtotal, r.Discount, r.Tax, r.Total, r.AmountDue, r.AmountPaid)
			if r.Test {
				test++
			}
			if r.Attrs != nil {
				attrsN++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "test records: %d\nrecords with attrs: %d\n", test, attrsN)
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		fmt.Fprintf(&b, "totals (%s):\n", header)
	}
	for _, k := range keys {
		s := groups[k]
		fmt.Fprintf(&b, "  %s: %d", k, s.n)
		for _, v := range s.v {
			fmt.Fprintf(&b, " %d", v)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// render prints a record one field a line, leaving out empty strings,
// false, nil and zero times (integers are always shown).
func render(rec backend.Record) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s %s\n", rec.Kind(), rec.Key())
	v := reflect.ValueOf(rec).Elem()
	for i := range v.NumField() {
		if s, ok := value(v.Field(i)); ok {
			fmt.Fprintf(&b, "    %s: %s\n", v.Type().Field(i).Name, s)
		}
	}
	return b.String()
}

func value(f reflect.Value) (string, bool) {
	switch x := f.Interface().(type) {
	case time.Time:
		return x.Format(time.RFC3339), !x.IsZero()
	case backend.Attrs:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + strconv.Quote(x[k])
		}
		return strings.Join(parts, " "), len(x) > 0
	}
	switch f.Kind() {
	case reflect.Pointer:
		if f.IsNil() {
			return "", false
		}
		return value(f.Elem())
	case reflect.String:
		return strconv.Quote(f.String()), f.String() != ""
	case reflect.Bool:
		return "true", f.Bool()
	case reflect.Int64:
		return strconv.FormatInt(f.Int(), 10), true
	}
	return fmt.Sprint(f.Interface()), true
}

func golden(t *testing.T, path, got string) {
	t.Helper()
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
	if !bytes.Equal(want, []byte(got)) {
		t.Errorf("%s differs (run with -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestOwnGolden imports the hand-written testdata/<kind>_*.csv files and
// renders every record.
func TestOwnGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, p := range files {
		name := strings.TrimSuffix(filepath.Base(p), ".csv")
		kind, _, _ := strings.Cut(name, "_")
		t.Run(name, func(t *testing.T) {
			got, _ := importFile(t, p, kind, true)
			golden(t, filepath.Join("testdata", name+".golden"), got)
		})
	}
}

// TestRealNotClaimed checks that no importer of this package claims a real
// export of another kind (ownReal lists the real files that are this
// package's own), and that on its own files no other importer, Stripe's
// included, ties with it.
func TestRealNotClaimed(t *testing.T) {
	needReal(t)
	n := 0
	for _, p := range realFiles(t) {
		rel, _ := filepath.Rel(realDir, p)
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		r, err := csvfile.Open(fh)
		fh.Close()
		if err != nil {
			t.Logf("%s: %v", rel, err)
			continue
		}
		n++
		own := ownReal[filepath.ToSlash(rel)]
		var best float64
		for _, im := range importers.All() {
			c := im.Detect(r.Header())
			switch {
			case im.Source() != source:
				continue
			case own == "" && c != 0:
				t.Errorf("%s: %s/%s scores %.2f, want 0", rel, source, im.Kind(), c)
			case own == im.Kind():
				best = c
			case c != 0:
				t.Errorf("%s: %s/%s scores %.2f, want 0 (the file is %s)", rel, source, im.Kind(), c, own)
			}
		}
		if own == "" {
			continue
		}
		if best < 0.9 {
			t.Errorf("%s: %s/%s scores %.2f, want at least 0.9", rel, source, own, best)
		}
		for _, im := range importers.All() {
			if c := im.Detect(r.Header()); (im.Source() != source || im.Kind() != own) && c >= best {
				t.Errorf("%s: %s/%s scores %.2f, ties with %s/%s", rel, im.Source(), im.Kind(), c, source, own)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d real files checked", n)
	}
}

// TestOwnFilesNoTie checks on every testdata file that Stripe's importers
// (and every other registered one) score below this package's best.
func TestOwnFilesNoTie(t *testing.T) {
	if importers.Find("stripe", "payments") == nil {
		t.Fatal("the Stripe importers are not registered in this test")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, p := range files {
		h, _ := readCSV(t, p)
		var mine, other float64
		var who string
		for _, im := range importers.All() {
			c := im.Detect(h)
			if im.Source() == source {
				mine = max(mine, c)
			} else if c > other {
				other, who = c, im.Source()+"/"+im.Kind()
			}
		}
		if mine < 0.9 || other >= mine {
			t.Errorf("%s: best of %s %.2f, best other %s %.2f", p, source, mine, who, other)
		}
	}
}
