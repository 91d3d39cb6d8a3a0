package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/report"
	"keel/backend/workspace"
)

// exportCmd writes a month's Excel report, reading the workspace only.
// The file appears whole or not at all (report.Save).
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
	return workspace.View(*ws, func(db *workspace.DB) error {
		m, err := monthFlag(db, *month)
		if err != nil {
			return err
		}
		start := time.Now()
		err = report.Save(*dst, func(w io.Writer) error {
			return report.Write(db, m, outWriter(w), report.Options{Anonymize: *anonymize})
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Report for %s written to %s in %.1fs\n", m, *dst, time.Since(start).Seconds())
		return nil
	})
}

// outWriter is where the report's bytes go: the file itself; tests put a
// full disk in between.
var outWriter = func(w io.Writer) io.Writer { return w }
