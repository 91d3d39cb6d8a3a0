// Package report writes a month's review as an Excel workbook for the
// founder's advisors: Summary, Revenue (with native charts), Movements,
// Cohorts, Support, Tickets, Users, Feedback, Operations (releases, manual
// work, decisions and costs, with a native chart of cost and margin per
// plan), Definitions and Sources, with real number and date formats, frozen header rows, column
// widths and print setup.
//
// Text that came from imported files is always written as a string cell,
// never as a formula, so a ticket subject "=HYPERLINK(…)" stays text. Big
// sheets (Movements, Tickets, Sources) are written with excelize's
// StreamWriter so that a large workspace does not have to fit in memory.
package report

import (
	"io"

	"github.com/xuri/excelize/v2"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/review"
	"keel/backend/workspace"
)

// Options change what the report shows.
type Options struct {
	// Anonymize replaces the names and emails that came from imported
	// data with stable pseudonyms (the same input gives the same pseudonym
	// everywhere in the report).
	Anonymize bool
}

// Sheet names, in the order of the workbook.
const (
	SheetSummary     = "Summary"
	SheetRevenue     = "Revenue"
	SheetMovements   = "Movements"
	SheetCohorts     = "Cohorts"
	SheetSupport     = "Support"
	SheetUsers       = "Users"
	SheetFeedback    = "Feedback"
	SheetOperations  = "Operations"
	SheetDefinitions = "Definitions"
	SheetSources     = "Sources"
)

// Sheets lists the sheets in order.
var Sheets = []string{SheetSummary, SheetRevenue, SheetMovements, SheetCohorts, SheetSupport, SheetTickets, SheetUsers,
	SheetFeedback, SheetOperations, SheetDefinitions, SheetSources}

// Write writes the report of month to w. A frozen review is reported with
// its frozen numbers and records (and its restatement, if any): nothing in
// it is read from the workspace's tables.
func Write(db *workspace.DB, month backend.Month, w io.Writer, opts Options) error {
	r, err := review.Get(db, month)
	if err != nil {
		return err
	}
	return WriteReview(db, r, w, opts)
}

// WriteReview writes the report of a review already read with review.Get.
func WriteReview(db *workspace.DB, r *review.Review, w io.Writer, opts Options) error {
	b, err := newBook(db, r, opts)
	if err != nil {
		return err
	}
	defer b.f.Close()
	for _, step := range []func() error{
		b.summary, b.revenue, b.movements, b.cohorts, b.support, b.tickets, b.users,
		b.feedback, b.operations, b.definitions, b.sources, b.fitPages,
	} {
		if err := step(); err != nil {
			return wrap(err)
		}
	}
	b.f.SetActiveSheet(0)
	if _, err := b.f.WriteTo(w); err != nil {
		return writeError{err}
	}
	return nil
}

// wrap keeps Keel's errors and words the others.
func wrap(err error) error {
	if _, ok := err.(*backend.Error); ok {
		return err
	}
	return backend.Errorf(backend.Internal, "build the report: %v", err)
}

// book is a report being written.
type book struct {
	f    *excelize.File
	db   *workspace.DB
	r    *review.Review
	s    *figures.Set // r's figures: frozen for a frozen review
	cur  string       // base currency, lowercase
	st   *styles
	anon *pseudonyms // nil: names shown as imported
	// For fitPages, by sheet: the charts, the last row of a print area,
	// and the row a page break is before.
	charts     map[string][]chartBox
	printRows  map[string]int
	pageBreaks map[string]int
}

func newBook(db *workspace.DB, r *review.Review, opts Options) (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f, db: db, r: r, cur: r.BaseCurrency, s: r.Figures, charts: map[string][]chartBox{}, printRows: map[string]int{}, pageBreaks: map[string]int{}}
	if b.s == nil || len(b.s.Months) == 0 {
		f.Close()
		return nil, backend.Errorf(backend.Internal, "the review of %s has no numbers", r.Month)
	}
	if r.FrozenAt == nil { // a frozen review lists the events it froze
		if err := b.s.LoadEvents(db); err != nil {
			f.Close()
			return nil, err
		}
	}
	var err error
	if b.st, err = newStyles(f, b.cur); err != nil {
		f.Close()
		return nil, wrap(err)
	}
	if opts.Anonymize {
		if b.anon, err = loadPseudonyms(db); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		f.Close()
		return nil, wrap(err)
	}
	for _, s := range Sheets[1:] {
		if _, err := f.NewSheet(s); err != nil {
			f.Close()
			return nil, wrap(err)
		}
	}
	title := r.Workspace + " — monthly review, " + r.Title
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "Keel", Subject: "Monthly operating review",
		Description: "Written by Keel from the workspace's imported exports."}); err != nil {
		f.Close()
		return nil, wrap(err)
	}
	return b, nil
}
