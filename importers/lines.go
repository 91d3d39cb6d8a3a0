package importers

import (
	"bytes"
	"sort"

	"keel/backend"
	"keel/importers/csvfile"
)

// LineImporter is an Importer that also reads files that are not one CSV
// table, line by line: JSON lines (Mixpanel, Amplitude) or text holding
// several tables one after the other (GA4 report downloads).
//
// The pipeline takes the line path for a file when the importer's
// DetectLines claims its start (score > 0), and the CSV path (Detect and
// Bind) otherwise, so one importer can read both a JSON-lines and a CSV
// layout of its export. An importer that has no CSV layout returns 0 from
// Detect and an error from Bind naming what it expected.
//
// Everything else is as for CSV files: one import, one transaction, every
// rejected line counted and listed with its number, gzip and ZIP archives
// opened transparently.
type LineImporter interface {
	Importer
	// DetectLines scores how sure it is that a file starting with head is
	// its kind, from 0 to 1. head is the start of the (decompressed) file
	// without a byte order mark: at most HeadSize bytes, cut after its last
	// complete line unless the file is shorter.
	DetectLines(head []byte) float64
	// BindLines returns the parser of one file's lines; it may keep state
	// from line to line (the current table of a GA4 file).
	BindLines(opt Options) (LineFunc, error)
}

// LineFunc parses one line of a file, without its line end, in order from
// the first line; blank lines are passed too (GA4 separates tables with
// them). It returns
//
//   - the line's record, or Records when the line holds several;
//   - nil and no error for a line that holds no data (blank, comment, a
//     table's header): such a line is not counted as a row;
//   - an error whose text is why the line is rejected ("not valid JSON:
//     …"); the pipeline lists it with the line number.
//
// line is only valid during the call.
type LineFunc func(line []byte) (backend.Record, error)

// HeadSize is the most DetectLines is shown of a file.
const HeadSize = 64 << 10

// Duplicate is what a row or line parser returns for a row that repeats
// an earlier row of the same file: Mixpanel's raw export keeps every copy
// of an event sent twice, which Mixpanel itself counts once. The pipeline
// counts the row as a duplicate and stores nothing.
var Duplicate backend.Record = duplicate{}

type duplicate struct{}

func (duplicate) Kind() string { return "duplicate" }
func (duplicate) Key() string  { return "" }

// Records is several records read from one CSV row or one line: a traffic
// row gives one record per metric. It is never stored itself: the pipeline
// stores each record and counts the row once (imported when one of its
// records is new, else updated when one changed, else duplicate).
type Records []backend.Record

func (Records) Kind() string { return "records" }
func (Records) Key() string  { return "" }

// DetectAll scores every importer against a file: its CSV header h (nil when
// the start of the file is not one) with Detect, and its start head with
// DetectLines for line importers and DetectItems for item importers. An
// importer is listed once, with its best score; best first, those that do
// not claim the file left out.
func DetectAll(h *csvfile.Header, head []byte) []Match {
	head = trimBOM(head)
	var ms []Match
	for _, im := range registry {
		c := 0.0
		if h != nil {
			c = im.Detect(h)
		}
		if li, ok := im.(LineImporter); ok {
			if l := li.DetectLines(head); l > c {
				c = l
			}
		}
		if ii, ok := im.(ItemImporter); ok {
			if l := ii.DetectItems(head); l > c {
				c = l
			}
		}
		if c > 0 {
			ms = append(ms, Match{im, c})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Confidence > ms[j].Confidence })
	return ms
}

// ReadsLines reports whether im reads a file starting with head through its
// line path: im is a LineImporter and its DetectLines claims the file, or
// the file starts with "{" (JSON lines, which no CSV layout reads; a line
// importer then rejects the lines it cannot read, with their numbers).
func ReadsLines(im Importer, head []byte) bool {
	li, ok := im.(LineImporter)
	if !ok {
		return false
	}
	head = trimBOM(head)
	if t := bytes.TrimSpace(head); len(t) > 0 && t[0] == '{' {
		return true
	}
	return li.DetectLines(head) > 0
}

func trimBOM(head []byte) []byte { return bytes.TrimPrefix(head, []byte("\uFEFF")) }
