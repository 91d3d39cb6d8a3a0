package report

import (
	"time"

	"keel/backend/review"
)

// Sources: every file behind the numbers, with its SHA-256, rows and the
// date range of its records; for a frozen review, the files of the freeze
// and then whatever was imported or undone since.

var sourceWidths = []float64{8, 34, 11, 14, 18, 52, 11, 11, 11, 11, 13, 13, 36}

const sourcesHeader = 4

func (b *book) sources() error {
	sh := SheetSources
	if err := b.print(sh, sourcesHeader); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	if err := streamWidths(sw, sourceWidths); err != nil {
		return err
	}
	if err := sw.SetPanes(freezePanes(sourcesHeader, 0)); err != nil {
		return err
	}
	g := stream{sw}
	title := "Sources — the files behind these numbers"
	note := "Every import not undone when the report was written. Rows held are the rows of the workspace that came from the file; first and last record date them."
	if b.r.FrozenAt != nil {
		note = "Every import not undone when the review was frozen on " + b.r.FrozenAt.In(b.db.Location()).Format("2 Jan 2006 15:04 MST") +
			", as recorded then. Check a file against its SHA-256 to prove it is the one behind the numbers."
	}
	if err := g.row(1, txt(title, b.st.title)); err != nil {
		return err
	}
	if err := g.row(2, txt(note, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.sourceHeader(g, sourcesHeader); err != nil {
		return err
	}
	row := sourcesHeader + 1
	for _, s := range b.r.Sources {
		if err := b.sourceRow(g, row, s, ""); err != nil {
			return err
		}
		row++
	}
	if len(b.r.Sources) == 0 {
		if err := g.row(row, txt("Nothing imported.", b.st.muted)); err != nil {
			return err
		}
		row++
	}
	if b.r.FrozenAt != nil {
		if row, err = b.sinceFreeze(g, row+1); err != nil {
			return err
		}
	}
	if err := sw.MergeCell("A2", "M2"); err != nil {
		return err
	}
	return sw.Flush()
}

func (b *book) sourceHeader(g stream, row int) error {
	heads := []string{"Import", "File", "Source", "Kind", "Imported at", "SHA-256", "Rows read", "Imported", "Updated", "Rows held", "First record", "Last record", "Note"}
	var cells []c
	for i, h := range heads {
		st := b.st.header
		if i >= 6 && i <= 9 {
			st = b.st.headerRight
		}
		cells = append(cells, txt(h, st))
	}
	return g.row(row, cells...)
}

func (b *book) sourceRow(g stream, row int, s review.Source, status string) error {
	loc := b.db.Location()
	day := func(t *time.Time) c {
		if t == nil {
			return c{"—", b.st.dash}
		}
		return c{wall(*t, loc), b.st.date}
	}
	held, first, last := c{s.Rows, b.st.count}, day(s.First), day(s.Last)
	if status != "" { // not part of the frozen numbers
		held, first, last = c{"—", b.st.dash}, c{"—", b.st.dash}, c{"—", b.st.dash}
	}
	return g.row(row, c{s.ImportID, b.st.id}, txt(s.File, b.st.text), txt(s.Source, b.st.text), txt(s.Kind, b.st.text),
		c{wall(s.ImportedAt, loc), b.st.datetime}, txt(s.SHA256, b.st.mono), c{int64(s.Read), b.st.count}, c{int64(s.Imported), b.st.count},
		c{int64(s.Updated), b.st.count}, held, first, last, txt(status, b.st.text))
}

// sinceFreeze lists the imports and undos after a review was frozen.
func (b *book) sinceFreeze(g stream, row int) (int, error) {
	hist, err := b.db.History()
	if err != nil {
		return row, err
	}
	frozen := *b.r.FrozenAt
	var later []review.Source
	var status []string
	for i := len(hist) - 1; i >= 0; i-- {
		im := hist[i]
		switch {
		case im.At.After(frozen):
			st := "imported after the freeze"
			if im.UndoneAt != nil {
				st = "imported and undone after the freeze"
			}
			later, status = append(later, review.Source{ImportID: im.ID, File: im.File, SHA256: im.SHA256, Source: im.Source, Kind: im.Kind,
				ImportedAt: im.At, Read: im.Read, Imported: im.Imported, Updated: im.Updated}), append(status, st)
		case im.UndoneAt != nil && im.UndoneAt.After(frozen):
			later, status = append(later, review.Source{ImportID: im.ID, File: im.File, SHA256: im.SHA256, Source: im.Source, Kind: im.Kind,
				ImportedAt: im.At, Read: im.Read, Imported: im.Imported, Updated: im.Updated}), append(status, "undone after the freeze")
		}
	}
	if len(later) == 0 {
		return row, g.row(row, txt("Nothing imported or undone since the freeze.", b.st.muted))
	}
	if err := g.row(row, txt("Since the freeze", b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := b.sourceHeader(g, row); err != nil {
		return row, err
	}
	row++
	for i, s := range later {
		if err := b.sourceRow(g, row, s, status[i]); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}
