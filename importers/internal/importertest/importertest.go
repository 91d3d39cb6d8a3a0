// Package importertest runs an importer over a file the way the pipeline
// does (CSV rows, or lines for a line importer that claims the file), for
// the importers' tests, and compares summaries with golden files
// (go test -update rewrites them).
//
// The billing importers use the registry path instead: Run and ImportFile
// detect among every registered importer before binding, Render and Totals
// summarise the records, and billing.go holds the checks each billing
// package runs on its own testdata and on the real exports.
package importertest

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/jsondoc"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// RealDir is the shared directory of real exports, from an importer's package.
const RealDir = "../../../shared/fixtures/real"

// Reject is one rejected row.
type Reject struct {
	Line   int
	Reason string
}

// Result is what an importer made of a file.
type Result struct {
	Detect     float64          // the importer's detection score of the file
	Lines      bool             // read through the line path
	Items      bool             // read through the item path (a JSON array)
	Rows       int              // data rows that gave records
	Records    []backend.Record // every record, Records flattened
	Rejects    []Reject
	Skipped    int // CSV rows that are not data
	Duplicates int // rows that repeat an earlier one (importers.Duplicate)
}

// File runs im over the file at path; opt.File defaults to its base name.
func File(t *testing.T, im importers.Importer, path string, opt importers.Options) Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if opt.File == "" {
		opt.File = filepath.Base(path)
	}
	return Bytes(t, im, data, opt)
}

// Bytes runs im over data.
func Bytes(t *testing.T, im importers.Importer, data []byte, opt importers.Options) Result {
	t.Helper()
	head := data
	if len(head) > importers.HeadSize {
		head = head[:importers.HeadSize]
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	var res Result
	if importers.ReadsItems(im, head) {
		res.Items = true
		res.Detect = im.(importers.ItemImporter).DetectItems(head)
		parse, err := im.(importers.ItemImporter).BindItems(opt)
		if err != nil {
			t.Fatalf("bind items: %v", err)
		}
		d := jsondoc.NewReader(bufio.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))))
		for {
			it, err := d.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("read items: %v", err)
			}
			if it.Long > 0 {
				res.Rejects = append(res.Rejects, Reject{it.Line, "too long"})
				continue
			}
			rec, err := parse(it.Text)
			switch {
			case err != nil:
				res.Rejects = append(res.Rejects, Reject{it.Line, err.Error()})
			case rec == importers.Duplicate:
				res.Duplicates++
			case rec != nil:
				res.add(t, rec)
			}
		}
		return res
	}
	if importers.ReadsLines(im, head) {
		res.Lines = true
		res.Detect = im.(importers.LineImporter).DetectLines(head)
		parse, err := im.(importers.LineImporter).BindLines(opt)
		if err != nil {
			t.Fatalf("bind lines: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for n := 1; sc.Scan(); n++ {
			rec, err := parse(bytes.TrimSuffix(sc.Bytes(), []byte("\r")))
			switch {
			case err != nil:
				res.Rejects = append(res.Rejects, Reject{n, err.Error()})
			case rec == importers.Duplicate:
				res.Duplicates++
			case rec != nil:
				res.add(t, rec)
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		return res
	}
	rd, err := csvfile.Open(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	res.Detect = im.Detect(rd.Header())
	parse, err := im.Bind(rd.Header(), opt)
	if err != nil {
		t.Fatalf("bind: %v", err)
	}
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		if row.Problem != "" {
			res.Rejects = append(res.Rejects, Reject{row.Line, row.Problem})
			continue
		}
		rec, err := parse(row)
		switch {
		case err != nil:
			res.Rejects = append(res.Rejects, Reject{row.Line, err.Error()})
		case rec == nil:
			res.Skipped++
		case rec == importers.Duplicate:
			res.Duplicates++
		default:
			res.add(t, rec)
		}
	}
	return res
}

// add keeps a row's records, with attributes written as JSON text read
// back into Attrs (see unpack), so that tests compare records however the
// importer built them.
func (r *Result) add(t *testing.T, rec backend.Record) {
	t.Helper()
	r.Rows++
	recs := []backend.Record{rec}
	if rs, ok := rec.(importers.Records); ok {
		recs = rs
	}
	for _, x := range recs {
		unpack(t, x)
		r.Records = append(r.Records, x)
	}
}

// Golden compares got with testdata/name, rewriting it under -update.
func Golden(t *testing.T, name, got string) {
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

// Summary renders a result for a golden file: counts, rejects, and every
// record (tickets, events) or, for traffic, per report/dimension/metric
// the count, the sum of the values and the first records.
func Summary(r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "detect: %.2f lines: %v\nrows: %d records: %d rejected: %d skipped: %d\n",
		r.Detect, r.Lines, r.Rows, len(r.Records), len(r.Rejects), r.Skipped)
	for _, x := range r.Rejects {
		fmt.Fprintf(&b, "  line %d: %s\n", x.Line, x.Reason)
	}
	type group struct {
		n            int
		sum          *big.Rat
		starts, ends [2]string // first and last day
		first        []string
	}
	groups := map[string]*group{}
	var order []string
	for _, rec := range r.Records {
		switch x := rec.(type) {
		case *backend.Ticket:
			fmt.Fprintf(&b, "ticket %s\n", Ticket(x))
		case *backend.Event:
			fmt.Fprintf(&b, "event %s\n", Event(x))
		case *backend.Traffic:
			k := fmt.Sprintf("%s | %s | %s | %s | %s | %s", x.Source, x.Site, x.Report, x.Segment, x.Dimension, x.Metric)
			g := groups[k]
			if g == nil {
				g = &group{sum: new(big.Rat)}
				groups[k] = g
				order = append(order, k)
			}
			g.n++
			v, ok := new(big.Rat).SetString(x.Value)
			if !ok {
				fmt.Fprintf(&b, "BAD VALUE %q\n", x.Value)
			} else {
				g.sum.Add(g.sum, v)
			}
			span(&g.starts, day(x.Start))
			span(&g.ends, day(x.End))
			if len(g.first) < 3 {
				g.first = append(g.first, Traffic(x))
			}
		default:
			fmt.Fprintf(&b, "%T %s\n", rec, rec.Key())
		}
	}
	for _, k := range order {
		g := groups[k]
		fmt.Fprintf(&b, "traffic %s: %d values, sum %s, starts %s..%s, ends %s..%s\n",
			k, g.n, g.sum.FloatString(6), g.starts[0], g.starts[1], g.ends[0], g.ends[1])
		for _, f := range g.first {
			fmt.Fprintf(&b, "    %s\n", f)
		}
	}
	return b.String()
}

// span widens a [first, last] range of days ("-" for none sorts first).
func span(r *[2]string, d string) {
	if r[0] == "" || d < r[0] {
		r[0] = d
	}
	if d > r[1] {
		r[1] = d
	}
}

func day(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02")
}

func ts(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func mins(p *int64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func attrs(a backend.Attrs) string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%q", k, a[k]))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// Ticket renders a ticket on one line.
func Ticket(t *backend.Ticket) string {
	return fmt.Sprintf("%s id=%q status=%q created=%s solved=%s first=%s first_biz=%s res=%s res_biz=%s email=%q requester=%q org=%q subject=%q priority=%q channel=%q type=%q group=%q assignee=%q tags=%q sat=%q attrs=%s",
		t.Source, t.ID, t.Status, t.Created.UTC().Format(time.RFC3339), ts(t.Solved), mins(t.FirstReplyMinutes), mins(t.FirstReplyBizMinutes),
		mins(t.ResolutionMinutes), mins(t.ResolutionBizMinutes), t.RequesterEmail, t.RequesterID, t.Organization, t.Subject, t.Priority,
		t.Channel, t.Type, t.Group, t.Assignee, t.Tags, t.Satisfaction, attrs(t.Attrs))
}

// Event renders an event on one line.
func Event(e *backend.Event) string {
	return fmt.Sprintf("%s id=%q name=%q distinct=%q email=%q time=%s attrs=%s",
		e.Source, e.ID, e.Name, e.DistinctID, e.Email, e.Time.UTC().Format(time.RFC3339Nano), attrs(e.Attrs))
}

// Traffic renders a traffic record on one line.
func Traffic(x *backend.Traffic) string {
	return fmt.Sprintf("%s site=%q report=%q segment=%q days=%s..%s %q=%q %q=%s attrs=%s",
		x.Source, x.Site, x.Report, x.Segment, day(x.Start), day(x.End), x.Dimension, x.Item, x.Metric, x.Value, attrs(x.Attrs))
}
