// Package importers turns export files into canonical records. Each source
// has its own package (stripe, zendesk, posthog, …) that registers its file
// kinds here; the shared reading layer is csvfile. Importers never touch the
// database: the workspace stores what they return.
package importers

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/importers/csvfile"
)

// Options are the choices a founder can make for one file.
type Options struct {
	// Location is the time zone of naive timestamps in the file (helpdesks
	// export in the account's zone). Nil means UTC.
	Location *time.Location
	// File is the base name of the file being read, or of the archive
	// member ("pages.csv"); set by the pipeline. Plausible names its
	// reports only in file names.
	File string
	// Currency is the currency of a file's amounts when the file names
	// none (a Stripe payments export whose Currency column was left out),
	// as the founder chose it (`keel import --currency`); empty means the
	// workspace's base currency.
	Currency string
	// BaseCurrency returns the workspace's base currency; set by the
	// pipeline and called only by an importer that needs a currency the
	// file lacks. Nil (a test without a workspace) means USD.
	BaseCurrency func() string
	// AllowDates is the founder's confirmation that dates before 1990 or
	// more than a year ahead are right (`keel import --allow-dates`);
	// without it such rows are rejected with their line.
	AllowDates bool
	// Note tells the import report what an importer assumed about the file
	// ("the file has no Status column: …"), so that nothing is taken for
	// granted silently; set by the pipeline, nil ignores notes.
	Note func(text string)
}

// AssumedCurrency is the lowercase currency of the amounts of a file that
// names none, and how it was chosen, for the note that says so.
func (o Options) AssumedCurrency() (code, why string) {
	switch {
	case o.Currency != "":
		return strings.ToLower(o.Currency), "as chosen for this import"
	case o.BaseCurrency != nil:
		if c := o.BaseCurrency(); c != "" {
			return strings.ToLower(c), "the workspace's base currency"
		}
	}
	return "usd", "Keel's default currency"
}

// Notef adds a note to the import report.
func (o Options) Notef(format string, args ...any) {
	if o.Note != nil {
		o.Note(fmt.Sprintf(format, args...))
	}
}

// RowFunc parses one data row. It returns the record, or (nil, nil) for a
// row that is legitimately not data (a Totals line), or an error whose text
// is the reason the row is rejected ("Amount \"abc\" is not a number").
// It is called from one goroutine at a time and may keep buffers between
// rows.
type RowFunc func(row csvfile.Row) (backend.Record, error)

// Importer reads one kind of file from one source.
type Importer interface {
	Source() string // "stripe"
	Kind() string   // "payments"
	Label() string  // "Stripe payments"
	// Detect scores how sure it is that a file with this header is its kind,
	// from 0 (not mine) to 1 (certain).
	Detect(h *csvfile.Header) float64
	// Bind checks that the required columns are there and returns the row
	// parser; a missing column is an *backend.Error naming it.
	Bind(h *csvfile.Header, opt Options) (RowFunc, error)
}

var registry []Importer

// Register adds an importer; source packages call it from init.
func Register(im Importer) { registry = append(registry, im) }

// All lists the registered importers.
func All() []Importer { return append([]Importer(nil), registry...) }

// Find returns the importer for source and kind, or nil.
func Find(source, kind string) Importer {
	for _, im := range registry {
		if im.Source() == source && im.Kind() == kind {
			return im
		}
	}
	return nil
}

// Match is one importer's claim on a file.
type Match struct {
	Importer   Importer
	Confidence float64
}

// Detect scores every importer against the header, best first, dropping
// those that do not claim it at all.
func Detect(h *csvfile.Header) []Match {
	var ms []Match
	for _, im := range registry {
		if c := im.Detect(h); c > 0 {
			ms = append(ms, Match{im, c})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Confidence > ms[j].Confidence })
	return ms
}
