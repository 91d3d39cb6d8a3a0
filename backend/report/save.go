package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"keel/backend"
)

// partialMark names the file a report is written to before it is complete:
// hidden, beside the report (a rename into place is only atomic within a
// folder), and ending in neither .xlsx nor anything a spreadsheet opens,
// so that one left by a killed Keel cannot be taken for a report. The next
// save into the folder removes it.
const partialMark = ".keel-partial-"

// Save writes a workbook to dst whole or not at all: write fills a partial
// file beside dst, which is renamed into place once complete. Partial
// files that a stopped Keel left in the folder (and the .keel-report-*.xlsx
// of earlier versions) are removed first; one that another Keel is still
// writing is locked (unix) or cannot be removed (Windows), and stays.
func Save(dst string, write func(w io.Writer) error) error {
	dir := filepath.Dir(dst)
	sweep(dir)
	f, err := createPartial(dir, filepath.Base(dst))
	if err != nil {
		return backend.Errorf(backend.Invalid, "Keel cannot write in %s: %v", dir, cause(err))
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		var we writeError
		if errors.As(err, &we) {
			return backend.Errorf(backend.Invalid, "Keel could not write the report %s: %v; nothing was written.", dst, cause(we.err))
		}
		return err
	}
	if err := f.Sync(); err != nil {
		return backend.Errorf(backend.Invalid, "Keel could not write the report %s: %v; nothing was written.", dst, cause(err))
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return backend.Errorf(backend.Internal, "write the report %s: %v", dst, err)
	}
	if err := os.Rename(f.Name(), dst); err != nil {
		return backend.Errorf(backend.Invalid, "Keel cannot save the report as %s: %v", dst, cause(err))
	}
	done = true
	f.Close()
	return nil
}

// createPartial makes and locks a new partial file for the report named
// base. A sweep running at the same moment in another Keel can remove it
// between the two: then it is made again.
func createPartial(dir, base string) (*os.File, error) {
	for try := 0; ; try++ {
		f, err := os.CreateTemp(dir, "."+base+partialMark+"*")
		if err != nil {
			return nil, err
		}
		err = lockPartial(f)
		if err == nil && same(f) {
			return f, nil
		}
		f.Close() // the sweep has it, and removes it
		if try == 10 {
			return nil, err
		}
	}
}

// same reports whether f's name still names f.
func same(f *os.File) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(f.Name())
	return err == nil && os.SameFile(a, b)
}

// sweep removes the partial files of stopped saves from dir.
func sweep(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		n := e.Name()
		legacy := strings.HasPrefix(n, ".keel-report-") && strings.HasSuffix(n, ".xlsx")
		if !e.Type().IsRegular() || !(legacy || strings.HasPrefix(n, ".") && strings.Contains(n, partialMark)) {
			continue
		}
		removeIfStale(filepath.Join(dir, n))
	}
}

// writeError is a failure to write the workbook's bytes (a full disk),
// as opposed to one building it.
type writeError struct{ err error }

func (e writeError) Error() string { return "write the report: " + e.err.Error() }
func (e writeError) Unwrap() error { return e.err }

// cause is the system's reason in an error about a path ("no space left
// on device"), without the path Keel names itself.
func cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
