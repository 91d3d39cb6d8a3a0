package report

import (
	"github.com/xuri/excelize/v2"
)

// Printed, every sheet is fitted to the page width (print). A sheet that
// then runs a little over one page is fitted to one page tall as well: an
// advisor reads a sheet per page. One that runs longer keeps its pages,
// since shrinking it further would print text too small to read.
// Listings (Movements, Tickets, Sources) are streamed and keep their pages.

// The printable A4 landscape area in points: print's 0.4 in margins, and
// room for the footer.
const (
	printWidth  = 842 - 2*0.4*72
	printHeight = 595 - 2*0.4*72 - 20
	// minScale: the smallest scale a sheet is shrunk to (11 pt → 7 pt).
	minScale = 0.64
)

// chartBox is where a chart sits: its anchor row and height in points.
type chartBox struct {
	row    int
	height float64
}

// fitPages applies the rule to every sheet that is not streamed.
func (b *book) fitPages() error {
	for _, sh := range Sheets {
		if sh == SheetMovements || sh == SheetTickets || sh == SheetSources {
			continue
		}
		w, h, err := b.printedSize(sh)
		if err != nil {
			return err
		}
		if onePage(w, h) { // print set the rest of the page layout
			tall := 1
			if err := b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{FitToHeight: &tall}); err != nil {
				return err
			}
		}
	}
	return nil
}

// onePage says whether a sheet of w × h points is fitted to one page tall:
// it runs over one page at its width's scale, and fits at no less than
// minScale.
func onePage(w, h float64) bool {
	scale := min(1, printWidth/w)
	return h*scale > printHeight && min(scale, printHeight/h) >= minScale
}

// printedSize is a sheet's used width and height in points: its columns
// up to the last one used, its rows down to the last one used or the
// bottom of its lowest chart.
func (b *book) printedSize(sh string) (w, h float64, err error) {
	rows, err := b.f.GetRows(sh)
	if err != nil {
		return 0, 0, err
	}
	last, cols := len(rows), 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	for _, c := range b.charts[sh] {
		top := 0.0
		for r := 1; r < c.row; r++ {
			top += rowHeight(b.f, sh, r)
		}
		h = max(h, top+c.height)
	}
	rowsH := 0.0
	for r := 1; r <= last; r++ {
		rowsH += rowHeight(b.f, sh, r)
	}
	h = max(h, rowsH)
	for i := 1; i <= cols; i++ {
		name, _ := excelize.ColumnNumberToName(i)
		cw, err := b.f.GetColWidth(sh, name)
		if err != nil {
			return 0, 0, err
		}
		w += float64(int(cw*7+5)) * 0.75 // Excel: characters → pixels → points
	}
	return w, h, nil
}

func rowHeight(f *excelize.File, sh string, r int) float64 {
	h, err := f.GetRowHeight(sh, r)
	if err != nil || h <= 0 {
		return 15
	}
	return h
}
