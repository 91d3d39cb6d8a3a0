package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/report"
	"keel/backend/workspace"
)

// exportCmd writes a month's Excel report. The file appears whole or not
// at all: it is written next to --out and renamed into place.
func exportCmd(args []string, out, errOut io.Writer) error {
	fs := flags("export", errOut)
	ws := fs.String("workspace", "", "the workspace (*.keel)")
	month := fs.String("month", "", "the month of the report, YYYY-MM (default: the last complete month)")
	dst := fs.String("out", "", "the workbook to write (*.xlsx)")
	anonymize := fs.Bool("anonymize", false, "replace the names and emails of imported data with stable pseudonyms")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	if *dst == "" {
		return backend.Errorf(backend.Invalid, "--out FILE.xlsx is required")
	}
	if !strings.EqualFold(filepath.Ext(*dst), ".xlsx") {
		return backend.Errorf(backend.Invalid, "--out %s should end in .xlsx: the report is an Excel workbook.", *dst)
	}
	db, err := workspace.Open(*ws)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := monthFlag(db, *month)
	if err != nil {
		return err
	}
	start := time.Now()
	tmp, err := os.CreateTemp(filepath.Dir(*dst), ".keel-report-*.xlsx")
	if err != nil {
		return backend.Errorf(backend.Invalid, "Cannot write in %s: %v", filepath.Dir(*dst), err)
	}
	defer os.Remove(tmp.Name())
	if err := report.Write(db, m, tmp, report.Options{Anonymize: *anonymize}); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return backend.Errorf(backend.Internal, "write %s: %v", *dst, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return backend.Errorf(backend.Internal, "write %s: %v", *dst, err)
	}
	if err := os.Rename(tmp.Name(), *dst); err != nil {
		return backend.Errorf(backend.Invalid, "Cannot write %s: %v", *dst, err)
	}
	fmt.Fprintf(out, "Report for %s written to %s in %.1fs\n", m, *dst, time.Since(start).Seconds())
	return nil
}
