// Package pipeline runs an import end to end: it reads a file through the
// shared CSV layer, lets the detected (or chosen) importer parse each row,
// and stores the records in one workspace transaction, counting every row
// and keeping every rejected row with its line and reason.
//
// Files that are not one CSV table (JSON lines, GA4 reports) go line by
// line to their importers.LineImporter instead, JSON documents element by
// element to their importers.ItemImporter, and gzip files and ZIP archives
// are opened transparently, every member in the same import (source.go,
// jsonl.go, items.go, archive.go; a ZIP of several kinds of export is one
// import per member, expand.go). Every record passes importers.Check
// (dates, money) before it is stored; special files are refused before
// they are opened (file.go).
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/backend/workspace"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/mapped"
)

// Request is one file to import. Source and Kind are empty to auto-detect.
type Request struct {
	Path         string
	Source, Kind string
	Options      importers.Options
	// Name and Origin replace the file's base name and path in reports and
	// the history, for a member extracted from an archive.
	Name, Origin string
	// Mapping names a saved column mapping to read the file with
	// (`keel import --mapping NAME`).
	Mapping string
	// Member is the path of one member of the ZIP archive at Path to
	// import on its own (a ZIP of several kinds of export, see RunAll).
	Member string
}

// Report is what happened to one file.
type Report struct {
	ImportID     int64
	File, Path   string
	Source, Kind string
	Label        string
	Size         int64
	SHA256       string
	workspace.Counts
	Rejects []workspace.Reject // the first MaxRejectsInReport
	// Notes say what was assumed about the file (a currency or a status
	// it does not give), one sentence each.
	Notes    []string
	Err      error // non-nil when the file was refused: nothing was imported
	Duration time.Duration
}

// Progress is sent while a file imports.
type Progress struct {
	File, Path   string
	Bytes, Total int64
	Rows         int
	Done         bool
}

// MaxRejectsInReport caps the rejected rows carried in a report; the
// history keeps them all.
const MaxRejectsInReport = 200

// minConfidence is the detection score below which Keel asks instead of guessing.
const minConfidence = 0.5

// Run imports one file. A refused file leaves the workspace unchanged.
func Run(ctx context.Context, db *workspace.DB, req Request, progress func(Progress)) Report {
	start := time.Now()
	rep := Report{Path: req.Path, File: filepath.Base(req.Path)}
	if req.Name != "" {
		rep.File = req.Name
	}
	if c := req.Options.Currency; c != "" && !money.Known(c) {
		rep.Err = fileError(rep.File, backend.Errorf(backend.Invalid, "%q is not a currency code Keel knows (give an ISO code such as USD or EUR)", c))
		return rep
	}
	f, st, err := openFile(req.Path)
	if err != nil {
		rep.Err = fileError(rep.File, err)
		return rep
	}
	defer f.Close()
	rep.Size = st.Size()
	defer lessGC()()
	err = run(ctx, db, req, f, &rep, progress)
	rep.Duration = time.Since(start)
	if workspace.DiskFull(err) {
		err = backend.Errorf(backend.Invalid, "%s; nothing was imported. Free some space and import the file again.", workspace.FullDisk)
	}
	if err != nil {
		rep.Err = fileError(rep.File, err)
		rep.ImportID = 0
	}
	return rep
}

func openProblem(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return backend.Errorf(backend.NotFound, "the file does not exist (was it moved or deleted?)")
	}
	return backend.Errorf(backend.Invalid, "the file cannot be read: %v", err)
}

// fileError prefixes the file name, keeping the code.
func fileError(file string, err error) error {
	return backend.Errorf(backend.ErrorCode(err), "%s: %s", file, backend.ErrorMessage(err))
}

func run(ctx context.Context, db *workspace.DB, req Request, in io.Reader, rep *Report, progress func(Progress)) error {
	hash := sha256.New()
	counter := &countingReader{r: io.TeeReader(in, hash)}
	size := rep.Size // of the file, read through once to check it did not change
	// CSV, JSON lines or GA4 text; plain, gzipped or zipped (source.go).
	src, err := openRows(db, in, counter, size, req, rep.File)
	if err != nil {
		return err
	}
	defer src.close()
	if req.Member != "" {
		rep.Size = int64(src.in.zipped[0].UncompressedSize64)
	}
	im := src.im
	rep.Source, rep.Kind, rep.Label = im.Source(), im.Kind(), im.Label()
	if ctx.Err() != nil {
		return errCancelled
	}
	batch, err := db.BeginImport(ctx, workspace.ImportMeta{
		File: rep.File, Path: origin(req), Size: rep.Size, Source: im.Source(), Kind: im.Kind(),
	})
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			batch.Rollback()
		}
	}()
	var c workspace.Counts
	var firstReject string
	lastReport := time.Now()
	chunks, reuse, stop := prefetch(ctx, src, batch)
	defer stop()
	var recs []*item
	var rows []workspace.Row
	for ck := range chunks {
		if err := ctx.Err(); err != nil {
			return errCancelled
		}
		recs = recs[:0]
		for i := range ck.items {
			row := &ck.items[i]
			c.Read++
			if row.reason != "" {
				c.Rejected++
				if firstReject == "" {
					firstReject = fmt.Sprintf("line %d: %s", row.line, row.reason)
				}
				if len(rep.Rejects) < MaxRejectsInReport {
					rep.Rejects = append(rep.Rejects, workspace.Reject{Line: row.line, Reason: row.reason})
				}
				if err := batch.Reject(row.line, row.reason); err != nil {
					return err
				}
				continue
			}
			if row.rec == nil {
				c.Skipped++
				continue
			}
			if row.rec == importers.Duplicate {
				c.Duplicates++
				continue
			}
			recs = append(recs, row)
		}
		outs, err := store(batch, recs, &rows)
		if err != nil {
			return err
		}
		for _, out := range outs {
			switch out {
			case workspace.Inserted:
				c.Imported++
			case workspace.Updated:
				c.Updated++
			case workspace.Duplicate:
				c.Duplicates++
			case workspace.Older:
				c.Older++
			}
		}
		reuse(ck.items)
		if ck.err == io.EOF {
			break
		}
		if ck.err != nil {
			return readProblem(ck.err)
		}
		if progress != nil && time.Since(lastReport) > 100*time.Millisecond {
			progress(Progress{File: rep.File, Path: req.Path, Bytes: ck.pos, Total: rep.Size, Rows: c.Read})
			lastReport = time.Now()
		}
	}
	if err := ctx.Err(); err != nil {
		return errCancelled
	}
	if c.Read == 0 {
		return backend.Errorf(backend.Invalid, "%s", src.cur.noData())
	}
	if c.Rejected == c.Read {
		return backend.Errorf(backend.Invalid, "none of its %d rows could be read as %s (%s)", c.Read, im.Label(), firstReject)
	}
	if counter.n != size {
		return backend.Errorf(backend.Invalid, "the file changed while Keel was reading it (%d bytes expected, %d read); nothing was imported", size, counter.n)
	}
	rep.SHA256 = hex.EncodeToString(hash.Sum(nil))
	if src.in.digest != nil {
		rep.SHA256 = hex.EncodeToString(src.in.digest.Sum(nil))
	}
	if err := batch.SetSHA256(rep.SHA256); err != nil {
		return err
	}
	if err := batch.Commit(c); err != nil {
		return err
	}
	committed = true
	rep.Counts = c
	rep.Notes = src.notes
	rep.ImportID = batch.ID()
	if progress != nil {
		progress(Progress{File: rep.File, Path: req.Path, Bytes: counter.n, Total: rep.Size, Rows: c.Read, Done: true})
	}
	return nil
}

// errCancelled is the answer to a cancelled import.
var errCancelled = backend.Errorf(backend.Conflict, "the import was cancelled; nothing was imported")

func readProblem(err error) error {
	var be *backend.Error
	if errors.As(err, &be) {
		return backend.Errorf(be.Code, "%s; nothing was imported", be.Message)
	}
	return backend.Errorf(backend.Invalid, "Keel could not finish reading the file (%v); nothing was imported", err)
}

// choose picks the importer: a saved mapping named in the request, else the
// source and kind asked for, else a mapping saved for this very header (the
// founder's own choice wins over detection), else the best detection.
func choose(db *workspace.DB, h *csvfile.Header, head []byte, req Request) (importers.Importer, error) {
	if req.Mapping != "" {
		if req.Source != "" || req.Kind != "" {
			return nil, backend.Errorf(backend.Invalid, "give either a saved mapping or a source and kind, not both")
		}
		return mapped.Named(db, req.Mapping)
	}
	if req.Source != "" || req.Kind != "" {
		im := importers.Find(req.Source, req.Kind)
		if im == nil {
			return nil, backend.Errorf(backend.Invalid, "Keel has no importer for %s %s", req.Source, req.Kind)
		}
		return im, nil
	}
	if h != nil {
		im, ok, err := mapped.ForHeader(db, h)
		if err != nil {
			return nil, err
		}
		if ok {
			return im, nil
		}
	}
	ms := importers.DetectAll(h, head)
	if len(ms) == 0 || ms[0].Confidence < minConfidence {
		return nil, backend.Errorf(backend.Invalid, "Keel does not recognise this export (%s); map its columns by hand (Imports → Map columns, or keel import --mapping NAME)", describe(h))
	}
	if len(ms) > 1 && ms[0].Confidence-ms[1].Confidence < 0.05 {
		return nil, backend.Errorf(backend.Invalid, "this file could be %s or %s; choose its kind by hand", ms[0].Importer.Label(), ms[1].Importer.Label())
	}
	return ms[0].Importer, nil
}

func headStart(h *csvfile.Header) string {
	n := len(h.Names)
	if n > 4 {
		n = 4
	}
	s := ""
	for i, name := range h.Names[:n] {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", name)
	}
	return s
}

func origin(req Request) string {
	if req.Origin != "" {
		return req.Origin
	}
	return absPath(req.Path)
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
