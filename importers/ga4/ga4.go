// Package ga4 reads Google Analytics 4 report downloads ("Download file →
// Download CSV" of a report or of the Reports snapshot; REAL samples in
// fixtures/real/ga4) into backend.Traffic records, one per number.
//
// # The file
//
// A `#` preamble names the report, the account and property, the segment
// or comparison ("All Users") and the date range:
//
//	# ----------------------------------------
//	# Events: Event name
//	# Account: Ten10
//	# Property: Ten10 GA4
//	# ----------------------------------------
//	#
//	# All Users
//	# Start date: 20251015
//	# End date: 20260112
//	Event name,Event count,Total users,Event count per active user,Total revenue
//	page_view,40242,14950,2.7018933798845173,0
//
// A Reports snapshot holds many tables one after the other, each after a
// blank line and its own `#` block (a question as title, Start and End
// date). Rows can be ragged: a retention table's later cohorts have fewer
// cells, and -1 marks a week a cohort has not reached yet.
//
// # Reading
//
// Such a file is not one CSV table, so ga4 is a line importer
// (importers.LineImporter): it reads the file line by line, keeping the
// preamble, the current table's header and its dates as state.
//
//   - Report is the preamble's title ("Events: Event name", "Reports
//     snapshot"), Site the property, Segment the preamble's free line
//     ("All Users"); the account and a snapshot table's title go to Attrs.
//   - The first column, and the next ones while their first row's cells are
//     not numbers (or are known dimensions such as "Date"), are the
//     dimension; every other column is a metric and every non-empty cell a
//     record with its value as written.
//   - Start and End are the table's Start date and End date; a "Date" row
//     (20250105) or an "Nth day" row (day n after the start) is that day.
//   - A missing cell of a ragged row is no value; -1 in a "Week N", "Day N"
//     or "Month N" column of a retention table is no value either. A row
//     with more cells than its table's header is rejected.
//   - Preamble, headers and blank lines are not rows; a table with a header
//     and no rows gives nothing.
package ga4

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(Reports{}) }

// Reports is the GA4 report download importer.
type Reports struct{}

func (Reports) Source() string { return "ga4" }
func (Reports) Kind() string   { return "reports" }
func (Reports) Label() string  { return "Google Analytics 4 report" }

// Detect: a GA4 download is read through the line path (its header row is
// not the first line).
func (Reports) Detect(h *csvfile.Header) float64 { return 0 }

// Bind refuses a file without GA4's preamble.
func (Reports) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	return nil, backend.Errorf(backend.Invalid,
		"this is not a GA4 report download: those start with `#` lines naming the report and its Start date and End date")
}

// DetectLines claims a file that starts with `#` lines including
// "# Start date:" and "# End date:" (0.95), or with `#` lines and a
// "# Property:" line (0.8).
func (Reports) DetectLines(head []byte) float64 {
	var start, end, property, comments bool
	for _, line := range bytes.Split(head, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '#' {
			break
		}
		comments = true
		text := string(bytes.TrimSpace(line[1:]))
		switch {
		case strings.HasPrefix(text, "Start date:"):
			start = true
		case strings.HasPrefix(text, "End date:"):
			end = true
		case strings.HasPrefix(text, "Property:"):
			property = true
		}
	}
	switch {
	case start && end:
		return 0.95
	case comments && property:
		return 0.8
	}
	return 0
}

// state is what the lines so far say.
type state struct {
	report, segment, account, site string
	start, end                     *time.Time
	title                          string
	seenTable                      bool
	header                         []string // current table's header; nil between tables
	dims                           int      // dimension columns of the current table; 0 until its first row
	retention                      []bool   // per column: a "Week N" cohort column
}

// knownDims are GA4 dimensions whose values look like numbers.
var knownDims = map[string]bool{
	"Date": true, "Nth day": true, "Nth week": true, "Nth month": true, "Nth year": true, "Nth hour": true,
	"Hour": true, "Date + hour (YYYYMMDDHH)": true, "Week": true, "Month": true, "Year": true, "Day": true,
	"Date hour and minute": true, "Nth minute": true, "Cohort": true,
}

var cohortCol = regexp.MustCompile(`^(Day|Week|Month) \d+$`)

// BindLines returns the stateful parser of one file's lines.
func (Reports) BindLines(opt importers.Options) (importers.LineFunc, error) {
	s := &state{}
	return s.line, nil
}

func (s *state) line(raw []byte) (backend.Record, error) {
	line := bytes.TrimSpace(raw)
	switch {
	case len(line) == 0:
		s.header, s.title = nil, "" // a blank line ends a table
		return nil, nil
	case line[0] == '#':
		s.comment(string(bytes.TrimSpace(line[1:])))
		return nil, nil
	}
	fields, err := split(raw)
	if err != nil {
		return nil, err
	}
	if s.header == nil {
		s.header = fields
		s.seenTable, s.dims = true, 0
		s.retention = make([]bool, len(fields))
		for i, n := range fields {
			s.retention[i] = cohortCol.MatchString(n)
		}
		return nil, nil
	}
	return s.row(fields)
}

func (s *state) comment(text string) {
	if s.header != nil {
		// A `#` line after a table's rows starts the next table's block.
		s.header, s.title = nil, ""
	}
	key, val, kv := strings.Cut(text, ":")
	val = strings.TrimSpace(val)
	switch {
	case text == "" || strings.Trim(text, "-") == "":
	case kv && key == "Start date":
		s.start = day(val)
	case kv && key == "End date":
		s.end = day(val)
	case kv && key == "Account" && !s.seenTable:
		s.account = val
	case kv && key == "Property" && !s.seenTable:
		s.site = val
	case !s.seenTable && s.report == "":
		s.report = text
	case !s.seenTable && s.segment == "":
		s.segment = text
	case !s.seenTable:
		s.segment += ", " + text
	default:
		s.title = text
	}
}

// day reads a GA4 date (20250101); nil when it is not one.
func day(s string) *time.Time {
	t, ok, err := csvfile.ParseTime(s, time.UTC)
	if err != nil || !ok {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

// split reads one line as CSV (quoted fields with commas, as GA4 writes
// page titles).
func split(line []byte) ([]string, error) {
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	fields, err := r.Read()
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "the line cannot be read as CSV (%v)", err)
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields, nil
}

func (s *state) row(fields []string) (backend.Record, error) {
	h := s.header
	if len(fields) > len(h) {
		return nil, backend.Errorf(backend.Invalid, "the row has %d cells but its table's header (%s) has %d", len(fields), h[0], len(h))
	}
	if s.dims == 0 {
		s.dims = 1
		for s.dims < len(h)-1 && s.dims < len(fields) && (knownDims[h[s.dims]] || !isNumber(fields[s.dims]) && fields[s.dims] != "") {
			s.dims++
		}
	}
	items := make([]string, s.dims)
	for i := range items {
		if i < len(fields) {
			items[i] = fields[i]
		}
	}
	item := strings.Join(items, " / ")
	start, end := s.start, s.end
	if s.dims == 1 {
		switch h[0] {
		case "Date":
			if d := day(item); d != nil && len(item) == 8 {
				start, end = d, d
			}
		case "Nth day":
			if n, err := strconv.Atoi(item); err == nil && s.start != nil {
				d := s.start.AddDate(0, 0, n)
				start, end = &d, &d
			}
		}
	}
	var attrs backend.Attrs
	if s.account != "" || s.title != "" {
		attrs = backend.Attrs{}
		if s.account != "" {
			attrs["account"] = s.account
		}
		if s.title != "" {
			attrs["table"] = s.title
		}
	}
	var rs importers.Records
	for j := s.dims; j < len(fields); j++ {
		v := fields[j]
		if v == "" || v == "-1" && s.retention[j] {
			continue
		}
		if !isNumber(v) {
			return nil, backend.Errorf(backend.Invalid, "%s %q is not a number", h[j], v)
		}
		rs = append(rs, &backend.Traffic{
			Source: "ga4", Site: s.site, Report: s.report, Segment: s.segment, Start: start, End: end,
			Dimension: strings.Join(h[:s.dims], " / "), Item: item, Metric: h[j], Value: v, Attrs: attrs,
		})
	}
	if len(rs) == 0 {
		return nil, nil
	}
	return rs, nil
}

// isNumber accepts plain decimal numbers ("12", "-1", "2.70", "1.4e-3").
func isNumber(s string) bool {
	if s == "" || strings.ContainsAny(s, " ,_xXpP") || strings.EqualFold(s, "nan") || strings.Contains(strings.ToLower(s), "inf") {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
