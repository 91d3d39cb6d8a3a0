package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"time"

	"keel/backend"
	"keel/backend/imports"
	"keel/backend/workspace"
)

// historyItem is one import of `keel imports --json`.
type historyItem struct {
	ID         int64      `json:"id"`
	File       string     `json:"file"`
	Path       string     `json:"path"`
	Source     string     `json:"source"`
	Kind       string     `json:"kind"`
	SHA256     string     `json:"sha256"`
	Size       int64      `json:"size"`
	At         time.Time  `json:"at"`
	Read       int        `json:"read"`
	Imported   int        `json:"imported"`
	Updated    int        `json:"updated"`
	Older      int        `json:"older"`
	Duplicates int        `json:"duplicates"`
	Rejected   int        `json:"rejected"`
	Skipped    int        `json:"skipped"`
	UndoneAt   *time.Time `json:"undone_at"`
}

// importsCmd lists the import history, newest first, reading the
// workspace only.
func importsCmd(args []string, out, errOut io.Writer) error {
	ws, asJSON, err := listingFlags("imports", args, errOut)
	if err != nil {
		return err
	}
	return workspace.View(ws, func(db *workspace.DB) error {
		hist, err := db.History()
		if err != nil {
			return err
		}
		items := []historyItem{}
		for _, h := range hist {
			items = append(items, historyItem{ID: h.ID, File: h.File, Path: h.Path, Source: h.Source, Kind: h.Kind,
				SHA256: h.SHA256, Size: h.Size, At: h.At, Read: h.Read, Imported: h.Imported, Updated: h.Updated,
				Older: h.Older, Duplicates: h.Duplicates, Rejected: h.Rejected, Skipped: h.Skipped, UndoneAt: h.UndoneAt})
		}
		if asJSON {
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(map[string]any{"imports": items})
		}
		if len(items) == 0 {
			fmt.Fprintln(out, "No imports yet: keel import --workspace FILE EXPORT.csv adds one.")
			return nil
		}
		for _, h := range items {
			state := ""
			if h.UndoneAt != nil {
				state = ", undone " + h.UndoneAt.Format("2006-01-02 15:04 UTC")
			}
			older := ""
			if h.Older > 0 {
				older = fmt.Sprintf(", older %d", h.Older)
			}
			fmt.Fprintf(out, "%d  %s  %s %s — read %d, imported %d, updated %d%s, duplicates %d, rejected %d, skipped %d (sha256 %s, %s%s)\n",
				h.ID, h.At.Format("2006-01-02 15:04 UTC"), h.File, "("+h.Source+" "+h.Kind+")", h.Read, h.Imported, h.Updated, older,
				h.Duplicates, h.Rejected, h.Skipped, h.SHA256, size(h.Size), state)
		}
		return nil
	})
}

// The collector's settings of the undo of a large import (see undoCmd):
// one of at least largeUndo new or changed rows.
const (
	undoGCPercent   = 400
	undoMemoryLimit = 256 << 20
	largeUndo       = 100_000
)

// undoCmd undoes one import as the window's Imports screen does
// (imports.Undo).
func undoCmd(args []string, out, errOut io.Writer) error {
	fs := flags("undo", errOut)
	ws := fs.String("workspace", "", "the workspace (*.keel)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needWorkspace(*ws); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return backend.Errorf(backend.Invalid, "name the one import to undo by its number (keel imports lists them)")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return backend.Errorf(backend.Invalid, "%q is not an import number (keel imports lists them)", fs.Arg(0))
	}
	db, err := workspace.Open(*ws)
	if err != nil {
		return err
	}
	defer db.Close()
	im, err := db.ImportByID(id)
	if err != nil {
		return err
	}
	// The collector's settings are the process's: undoing a large import
	// sums tens of thousands of identities and accounts again, garbage as
	// soon as written, over a live heap of up to 150 MB (the accounts'
	// sums before and after). At Go's default the collector took a third
	// of the undo of a million payments; the import's limit
	// (pipeline.MemoryLimit) is below that live heap and made it collect
	// without end. A small undo keeps Go's default: at 400 % the undo of
	// 10,000 events in a large workspace peaked at 260 MiB, at the default
	// 176 MiB for 0.1 s more.
	if im.Imported+im.Updated >= largeUndo {
		debug.SetGCPercent(undoGCPercent)
		debug.SetMemoryLimit(undoMemoryLimit)
	}
	if err := imports.Undo(context.Background(), db, id); err != nil {
		return err
	}
	fmt.Fprintf(out, "Undid import %d (%s): its %d new rows are gone and the %d rows it changed are back as they were.\n",
		id, im.File, im.Imported, im.Updated)
	return nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// step is called before each step that writes (storing, linking,
// freezing); tests fill the disk there.
var step = func(name string, db *workspace.DB) {}
