package report

import (
	"math"

	"github.com/xuri/excelize/v2"
)

// Printed, every sheet is fitted to the page width (print), then to the
// fewest pages tall it fits in at minScale or more: an advisor reads a
// sheet per page where it can be read, and text is never printed smaller.
// A4 landscape, unless portrait prints the sheet on fewer pages (a narrow,
// long sheet: Operations) or on as many, larger. Listings (Movements,
// Tickets, Sources) are streamed and keep their pages; a sheet with a page
// break prints each part on a page (printParts).

// paper is the printable area of an A4 page in points: print's 0.4 in
// margins, and room for the footer.
type paper struct {
	orientation string
	w, h        float64
}

var (
	landscape = paper{"landscape", 842 - 2*0.4*72, 595 - 2*0.4*72 - 20}
	portrait  = paper{"portrait", 595 - 2*0.4*72, 842 - 2*0.4*72 - 20}
)

// minScale: the smallest scale a sheet is shrunk to (11 pt → 7 pt).
const minScale = 0.64

// chartBox is where a chart sits: its anchor cell, its width in pixels
// and its height in points.
type chartBox struct {
	col, row int
	pixels   float64
	height   float64
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
		if at, ok := b.pageBreaks[sh]; ok {
			if err := b.printParts(sh, w, h, at); err != nil {
				return err
			}
			continue
		}
		p := landscape
		if prints(portrait, w, h).better(prints(landscape, w, h)) {
			p = portrait
		}
		l := excelize.PageLayoutOptions{} // print set the rest of the page layout
		if p != landscape {
			l.Orientation = &p.orientation
		}
		if pr := prints(p, w, h); pr.fitted {
			l.FitToHeight = &pr.pages
		}
		if l.Orientation != nil || l.FitToHeight != nil {
			if err := b.f.SetPageLayout(sh, &l); err != nil {
				return err
			}
		}
	}
	return nil
}

// printParts prints a sheet w × h points with a page break before row
// at (Revenue's customers chart) with each part on a landscape page of
// its own: at the scale that fits the taller part, no larger than the
// width's and no smaller than minScale. A fitted sheet ignores its page breaks (Excel and LibreOffice
// alike), so the scale is set instead.
func (b *book) printParts(sh string, w, h float64, at int) error {
	top := rowTop(b.f, sh, at)
	scale := min(1, landscape.w/w, landscape.h/top, landscape.h/(h-top))
	adjust, fit := uint(max(minScale, scale)*100), false
	if err := b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{AdjustTo: &adjust})
}

// printing is how a sheet prints on a paper: on how many pages, at what
// scale, and whether it is fitted to that many pages tall.
type printing struct {
	pages  int
	scale  float64
	fitted bool
}

// prints says how a sheet of w × h points prints on p: fitted to the
// page width, then to the fewest pages tall it fits in at no less than
// minScale, when that is fewer.
func prints(p paper, w, h float64) printing {
	scale := min(1, p.w/w)
	pages := int(math.Ceil(h * scale / p.h))
	if n := max(1, int(math.Ceil(h*minScale/p.h))); n < pages {
		return printing{n, min(scale, float64(n)*p.h/h), true}
	}
	return printing{pages, scale, false}
}

// better: fewer pages at a readable scale, or as many pages larger.
func (a printing) better(than printing) bool {
	if a.scale < minScale {
		return false
	}
	return a.pages < than.pages || a.pages == than.pages && a.scale > than.scale
}

// printedSize is a sheet's used width and height in points: its columns
// up to the last one used or the right edge of its widest chart, its rows
// down to the last one used (or its print area's) or the bottom of its
// lowest chart.
func (b *book) printedSize(sh string) (w, h float64, err error) {
	rows, err := b.f.GetRows(sh)
	if err != nil {
		return 0, 0, err
	}
	last, cols := len(rows), 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if r, ok := b.printRows[sh]; ok {
		last = min(last, r)
	}
	left := func(col int) (x float64) { // the left edge of a column
		for i := 1; i < col; i++ {
			px, shown := colPixels(b.f, sh, i)
			if shown {
				x += px * 0.75
			}
		}
		return x
	}
	for _, c := range b.charts[sh] {
		// A chart is anchored from the cell it starts in to the cell its
		// width reaches; a hidden column it spans is drawn at no width.
		x := left(c.col)
		for col, rest := c.col, c.pixels; rest > 0; col++ {
			px, shown := colPixels(b.f, sh, col)
			if shown {
				x += min(rest, px) * 0.75
			}
			rest -= px
		}
		w = max(w, x)
		h = max(h, rowTop(b.f, sh, c.row)+c.height)
	}
	return max(w, left(cols+1)), max(h, rowTop(b.f, sh, last+1)), nil
}

// rowTop is the top of a row in points from the top of the sheet.
func rowTop(f *excelize.File, sh string, row int) (y float64) {
	for r := 1; r < row; r++ {
		y += rowHeight(f, sh, r)
	}
	return y
}

// colPixels is a column's width in pixels (Excel: characters → pixels),
// and whether it is shown (the charts' numbers are hidden).
func colPixels(f *excelize.File, sh string, col int) (float64, bool) {
	name, _ := excelize.ColumnNumberToName(col)
	cw, err := f.GetColWidth(sh, name)
	visible, verr := f.GetColVisible(sh, name)
	return float64(int(cw*7 + 5)), err == nil && verr == nil && visible
}

// rowHeight is a row's height in points; 0 for a hidden one (the
// charts' numbers).
func rowHeight(f *excelize.File, sh string, r int) float64 {
	if visible, err := f.GetRowVisible(sh, r); err == nil && !visible {
		return 0
	}
	h, err := f.GetRowHeight(sh, r)
	if err != nil || h <= 0 {
		return 15
	}
	return h
}
