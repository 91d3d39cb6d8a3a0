package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"keel/backend"
	"keel/backend/clock"
	"keel/backend/figures"
	"keel/backend/imports"
	"keel/backend/pipeline"
	"keel/backend/workspace"
	"keel/importers"
)

func demoCmd(args []string, out, errOut io.Writer) error {
	fs := flags("demo", errOut)
	ws := fs.String("workspace", "", "where to create the demo workspace (*.keel)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	start := time.Now()
	now := clock.Now()
	err := pipeline.CreateDemo(context.Background(), *ws, now, func(step string) { fmt.Fprintln(errOut, step) }, pipeline.DemoWords(now))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Demo workspace written to %s in %.1fs\n", *ws, time.Since(start).Seconds())
	return nil
}

// fileReport is one file of `keel import --json`.
type fileReport struct {
	File       string             `json:"file"`
	Path       string             `json:"path"`
	ImportID   int64              `json:"import_id,omitempty"`
	Source     string             `json:"source,omitempty"`
	Kind       string             `json:"kind,omitempty"`
	SHA256     string             `json:"sha256,omitempty"`
	Size       int64              `json:"size"`
	Read       int                `json:"read"`
	Imported   int                `json:"imported"`
	Updated    int                `json:"updated"`
	Older      int                `json:"older"` // rows older than the stored ones, which kept the newer
	Duplicates int                `json:"duplicates"`
	Rejected   int                `json:"rejected"`
	Skipped    int                `json:"skipped"`
	Rejects    []workspace.Reject `json:"rejected_rows"`
	Notes      []string           `json:"notes"` // what was assumed about the file
	Error      *jsonErr           `json:"error"`
}

type jsonErr struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func importCmd(args []string, out, errOut io.Writer) error {
	fs := flags("import", errOut)
	ws := fs.String("workspace", "", "the workspace to import into (*.keel); created if missing")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	source := fs.String("source", "", "force the source (e.g. stripe) instead of detecting it")
	kind := fs.String("kind", "", "force the kind (e.g. payments)")
	tz := fs.String("tz", "", "time zone of naive timestamps in the files (default: the workspace's)")
	mapping := fs.String("mapping", "", "read the files with this saved column mapping")
	currency := fs.String("currency", "", "currency of the amounts of a file that names none (default: the workspace's base currency)")
	allowDates := fs.Bool("allow-dates", false, "take dates before 1990 or more than a year ahead as they are (rows with them are rejected otherwise)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return backend.Errorf(backend.Invalid, "name at least one file to import")
	}
	db, err := openOrCreate(*ws)
	if err != nil {
		return err
	}
	defer db.Close()
	opts := importers.Options{Location: db.Location(), Currency: *currency, AllowDates: *allowDates}
	if *tz != "" {
		loc, err := time.LoadLocation(*tz)
		if err != nil {
			return backend.Errorf(backend.Invalid, "--tz %q is not a time zone", *tz)
		}
		opts.Location = loc
	}
	// The collector's settings are the process's: this command runs
	// imports and nothing else (pipeline.GCPercent).
	debug.SetGCPercent(pipeline.GCPercent)
	debug.SetMemoryLimit(pipeline.MemoryLimit)
	var reports []fileReport
	refused := false
	var reqs []pipeline.Request
	for _, path := range fs.Args() {
		reqs = append(reqs, pipeline.Request{Path: path, Source: *source, Kind: *kind, Mapping: *mapping, Options: opts})
	}
	step("storing", db)
	for _, r := range pipeline.RunAll(context.Background(), db, reqs, nil) {
		fr := fileReport{File: r.File, Path: r.Path, ImportID: r.ImportID, Source: r.Source, Kind: r.Kind, SHA256: r.SHA256,
			Size: r.Size, Read: r.Read, Imported: r.Imported, Updated: r.Updated, Older: r.Older, Duplicates: r.Duplicates,
			Rejected: r.Rejected, Skipped: r.Skipped, Rejects: r.Rejects, Notes: r.Notes}
		if fr.Rejects == nil {
			fr.Rejects = []workspace.Reject{}
		}
		if fr.Notes == nil {
			fr.Notes = []string{}
		}
		if r.Err != nil {
			refused = true
			fr.Error = &jsonErr{string(backend.ErrorCode(r.Err)), backend.ErrorMessage(r.Err)}
		}
		reports = append(reports, fr)
		if !*asJSON {
			printReport(out, errOut, r)
		}
	}
	// The step after storing: link accounts once now, so the first screen
	// or report does not. Its failure is the command's (exit 1).
	step("linking", db)
	debug.SetMemoryLimit(pipeline.LinkMemoryLimit)
	linkErr := imports.Link(context.Background(), db, "The files are imported")
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		doc := map[string]any{"files": reports}
		if linkErr != nil {
			doc["error"] = &jsonErr{string(backend.ErrorCode(linkErr)), backend.ErrorMessage(linkErr)}
		}
		enc.Encode(doc)
		if linkErr != nil {
			return errRefused
		}
	}
	if linkErr != nil {
		return linkErr
	}
	if refused {
		return errRefused
	}
	return nil
}

func printReport(out, errOut io.Writer, r pipeline.Report) {
	if r.Err != nil {
		fmt.Fprintf(errOut, "REFUSED %s\n", backend.ErrorMessage(r.Err))
		return
	}
	fmt.Fprintf(out, "%s: %s — read %d, imported %d, updated %d, duplicates %d, rejected %d, skipped %d (import %d, sha256 %s)\n",
		r.File, r.Label, r.Read, r.Imported, r.Updated, r.Duplicates, r.Rejected, r.Skipped, r.ImportID, r.SHA256[:12])
	if r.Older > 0 {
		rows := "rows"
		if r.Older == 1 {
			rows = "row"
		}
		fmt.Fprintf(out, "  %d %s older than what the workspace has, kept the newer\n", r.Older, rows)
	}
	for _, rj := range r.Rejects {
		fmt.Fprintf(out, "  line %d: %s\n", rj.Line, rj.Reason)
	}
	if r.Rejected > len(r.Rejects) {
		fmt.Fprintf(out, "  … and %d more rejected rows (see the import history)\n", r.Rejected-len(r.Rejects))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(out, "  note: %s\n", n)
	}
}

func openOrCreate(path string) (*workspace.DB, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return workspace.Create(path, "")
	}
	return workspace.Open(path)
}

func metricsCmd(args []string, out, errOut io.Writer) error {
	fs := flags("metrics", errOut)
	ws := fs.String("workspace", "", "the workspace (*.keel)")
	from := fs.String("from", "", "first month, YYYY-MM")
	to := fs.String("to", "", "last month, YYYY-MM")
	fs.Bool("json", true, "print JSON (the only format)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return backend.Errorf(backend.Invalid, "--from YYYY-MM and --to YYYY-MM are required")
	}
	return workspace.View(*ws, func(db *workspace.DB) error {
		rep, err := metricsOf(db, *from, *to)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	})
}

// metricsOf is the `keel metrics --json` object of the months from..to
// (the flags' values), with the flags named in what is wrong with them.
func metricsOf(db *workspace.DB, from, to string) (*figures.Metrics, error) {
	first, err := backend.ParseMonth(from)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "--from: %s", backend.ErrorMessage(err))
	}
	last, err := backend.ParseMonth(to)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "--to: %s", backend.ErrorMessage(err))
	}
	if last < first {
		return nil, backend.Errorf(backend.Invalid, "--to %s is before --from %s.", to, from)
	}
	return figures.LoadMetrics(db, first, last)
}
