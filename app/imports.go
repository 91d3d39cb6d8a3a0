package app

import (
	"context"
	"time"

	"keel/backend/imports"
	"keel/backend/pipeline"
	"keel/backend/workspace"
	"keel/importers"
	"keel/importers/mapped"
)

// Imports is the bound API of the Imports screen.
type Imports struct{ s *State }

// NewImports binds the imports API to the state.
func NewImports(s *State) *Imports { return &Imports{s} }

// KindInfo names one importer.
type KindInfo struct {
	Source     string  `json:"source"`
	Kind       string  `json:"kind"`
	Label      string  `json:"label"`
	Confidence float64 `json:"confidence,omitempty"`
}

// Kinds lists every importer, for choosing a file's kind by hand.
func (im *Imports) Kinds() []KindInfo {
	var out []KindInfo
	for _, x := range importers.All() {
		out = append(out, KindInfo{Source: x.Source(), Kind: x.Kind(), Label: x.Label()})
	}
	return out
}

// PickFiles opens the native dialog; an empty list when cancelled.
func (im *Imports) PickFiles() ([]string, error) {
	paths, err := im.s.rt.OpenFiles("Import exports", "*.csv;*.tsv;*.txt;*.json;*.jsonl")
	if paths == nil {
		paths = []string{}
	}
	return paths, err
}

// Preview is a file's header, first rows and detected kind.
type Preview struct {
	Path       string     `json:"path"`
	Name       string     `json:"name"`
	Size       int64      `json:"size"`
	SHA256     string     `json:"sha256"`
	Encoding   string     `json:"encoding"`
	Separator  string     `json:"separator"`
	Header     []string   `json:"header"`
	Rows       [][]string `json:"rows"`
	Source     string     `json:"source"`
	Kind       string     `json:"kind"`
	Label      string     `json:"label"`
	Confidence float64    `json:"confidence"`
	Candidates []KindInfo `json:"candidates"`
	Error      *Err       `json:"error"`
	// Mapping names the saved column mapping made for this header: Run
	// reads the file with it (it wins over detection).
	Mapping string `json:"mapping"`
}

// Preview looks at each file without importing it.
func (im *Imports) Preview(paths []string) []Preview {
	out := []Preview{}
	for _, p := range paths {
		lp := pipeline.Look(p)
		pv := Preview{Path: p, Name: lp.File, Size: lp.Size, Encoding: lp.Encoding, Separator: lp.Separator,
			Header: lp.Header, Rows: lp.Rows, Candidates: []KindInfo{}, Error: toErr(lp.Err)}
		for _, m := range lp.Matches {
			pv.Candidates = append(pv.Candidates, KindInfo{m.Importer.Source(), m.Importer.Kind(), m.Importer.Label(), m.Confidence})
		}
		if len(lp.Matches) > 0 {
			best := lp.Matches[0]
			pv.Source, pv.Kind, pv.Label, pv.Confidence = best.Importer.Source(), best.Importer.Kind(), best.Importer.Label(), best.Confidence
		}
		im.savedMapping(&pv)
		out = append(out, pv)
	}
	return out
}

// Item is one file to import, with its kind chosen (empty = detect), or
// the saved column mapping to read it with.
type Item struct {
	Path    string `json:"path"`
	Source  string `json:"source"`
	Kind    string `json:"kind"`
	Mapping string `json:"mapping"`
}

// Report is the result of one file.
type Report struct {
	ImportID     int64       `json:"import_id"`
	File         string      `json:"file"`
	Path         string      `json:"path"`
	Source       string      `json:"source"`
	Kind         string      `json:"kind"`
	Label        string      `json:"label"`
	Size         int64       `json:"size"`
	SHA256       string      `json:"sha256"`
	Read         int         `json:"read"`
	Imported     int         `json:"imported"`
	Updated      int         `json:"updated"`
	Older        int         `json:"older"` // rows older than the stored ones, which kept the newer
	Duplicates   int         `json:"duplicates"`
	Rejected     int         `json:"rejected"`
	Skipped      int         `json:"skipped"`
	RejectedRows []RejectRow `json:"rejected_rows"`
	Notes        []string    `json:"notes"` // what was assumed about the file
	Error        *Err        `json:"error"`
	DurationMS   int64       `json:"duration_ms"`
}

// RejectRow is one rejected row.
type RejectRow struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func rejectRows(rs []workspace.Reject) []RejectRow {
	out := []RejectRow{}
	for _, r := range rs {
		out = append(out, RejectRow{r.Line, r.Reason})
	}
	return out
}

// Run imports the files one after another, sending "import:progress",
// then "import:stage" while it links the new rows to accounts.
// Each file is its own transaction; a refused file changes nothing.
func (im *Imports) Run(items []Item) ([]Report, error) {
	db, err := im.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	im.s.mu.Lock()
	im.s.cancel = cancel
	im.s.mu.Unlock()
	defer func() {
		cancel()
		im.s.mu.Lock()
		im.s.cancel = nil
		im.s.mu.Unlock()
	}()
	out := []Report{}
	opts := importers.Options{Location: db.Location()}
	for _, it := range items {
		progress := func(p pipeline.Progress) {
			im.s.emit("import:progress", map[string]any{"file": p.File, "path": p.Path, "bytes": p.Bytes,
				"total": p.Total, "rows": p.Rows, "done": p.Done})
		}
		for _, rep := range pipeline.RunAll(ctx, db, []pipeline.Request{{Path: it.Path, Source: it.Source, Kind: it.Kind, Mapping: it.Mapping, Options: opts}}, progress) {
			out = append(out, report(rep))
		}
		if ctx.Err() != nil {
			break
		}
	}
	// The files are saved; linking their rows to accounts takes seconds on
	// millions of events, so the window says so instead of sitting at 100 %.
	im.s.emit("import:stage", map[string]any{"stage": "linking"})
	relink(db)
	im.s.emit("workspace:changed", map[string]any{})
	return out, nil
}

// relink links accounts once after the data changed, so that the screens
// read links instead of making them; the events are read again only when
// they changed (seconds on millions of them). A failure here is not the
// import's: the screens link again on their own.
func relink(db *workspace.DB) {
	imports.Link(context.Background(), db, "The files are imported")
}

func report(r pipeline.Report) Report {
	return Report{ImportID: r.ImportID, File: r.File, Path: r.Path, Source: r.Source, Kind: r.Kind, Label: r.Label,
		Size: r.Size, SHA256: r.SHA256, Read: r.Read, Imported: r.Imported, Updated: r.Updated, Older: r.Older,
		Duplicates: r.Duplicates, Rejected: r.Rejected, Skipped: r.Skipped, RejectedRows: rejectRows(r.Rejects), Notes: append([]string{}, r.Notes...),
		Error: toErr(r.Err), DurationMS: r.Duration.Milliseconds()}
}

// Cancel stops the running import; nothing of it is kept.
func (im *Imports) Cancel() {
	im.s.mu.Lock()
	defer im.s.mu.Unlock()
	if im.s.cancel != nil {
		im.s.cancel()
	}
}

// HistoryItem is one past import.
type HistoryItem struct {
	ID         int64      `json:"id"`
	File       string     `json:"file"`
	Path       string     `json:"path"`
	Size       int64      `json:"size"`
	SHA256     string     `json:"sha256"`
	Source     string     `json:"source"`
	Kind       string     `json:"kind"`
	Label      string     `json:"label"`
	At         time.Time  `json:"at"`
	Read       int        `json:"read"`
	Imported   int        `json:"imported"`
	Updated    int        `json:"updated"`
	Duplicates int        `json:"duplicates"`
	Rejected   int        `json:"rejected"`
	UndoneAt   *time.Time `json:"undone_at"`
}

// History lists past imports, newest first.
func (im *Imports) History() ([]HistoryItem, error) {
	db, err := im.s.workspace()
	if err != nil {
		return nil, err
	}
	hs, err := db.History()
	if err != nil {
		return nil, err
	}
	out := []HistoryItem{}
	for _, h := range hs {
		out = append(out, HistoryItem{ID: h.ID, File: h.File, Path: h.Path, Size: h.Size, SHA256: h.SHA256, Source: h.Source,
			Kind: h.Kind, Label: label(h.Source, h.Kind), At: h.At, Read: h.Read, Imported: h.Imported, Updated: h.Updated,
			Duplicates: h.Duplicates, Rejected: h.Rejected, UndoneAt: h.UndoneAt})
	}
	return out, nil
}

// Rejected lists every rejected row of an import.
func (im *Imports) Rejected(id int64) ([]RejectRow, error) {
	db, err := im.s.workspace()
	if err != nil {
		return nil, err
	}
	rs, err := db.Rejects(id, 0)
	return rejectRows(rs), err
}

// Undo takes an import back out of the workspace.
func (im *Imports) Undo(id int64) error {
	db, err := im.s.workspace()
	if err != nil {
		return err
	}
	// The command line's keel undo runs the same imports.Undo. A failure of
	// the linking after it is not the undo's (see relink).
	if err := imports.Undo(context.Background(), db, id); err != nil && !imports.IsAfter(err) {
		return err
	}
	im.s.emit("workspace:changed", map[string]any{})
	return nil
}

// savedMapping marks a preview whose header has a saved column mapping:
// the pipeline reads such a file with it, so the preview says so.
func (im *Imports) savedMapping(pv *Preview) {
	db, err := im.s.workspace()
	if err != nil || len(pv.Header) == 0 || pv.Error != nil {
		return
	}
	m, ok, err := db.MappingFor(mapped.HeaderSignature(pv.Header))
	if err != nil || !ok {
		return
	}
	pv.Mapping = m.Name
	pv.Source, pv.Kind, pv.Label, pv.Confidence = m.Source, m.Kind, m.Name+" (saved mapping)", 1
}
