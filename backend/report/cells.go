package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"keel/backend"
	"keel/backend/figures"
)

// c is one cell: a value (string, int64, float64, time.Time or nil) and a
// style. Strings are always written as text: never as a formula, whatever
// they start with.
type c struct {
	v any
	s int
}

// grid writes rows of cells, r counting from 1.
type grid interface {
	row(r int, cells ...c) error
}

// plain writes to an ordinary sheet, cell by cell.
type plain struct {
	f     *excelize.File
	sheet string
}

func (p plain) row(r int, cells ...c) error {
	for i, x := range cells {
		if x.v == nil && x.s == 0 {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			return err
		}
		switch v := x.v.(type) {
		case nil:
		case string:
			err = p.f.SetCellStr(p.sheet, ref, v) // text, never a formula
		case int64, int, float64, time.Time:
			err = p.f.SetCellValue(p.sheet, ref, v)
		default:
			err = fmt.Errorf("report: cannot write a %T", v)
		}
		if err != nil {
			return err
		}
		if x.s != 0 {
			if err := p.f.SetCellStyle(p.sheet, ref, ref, x.s); err != nil {
				return err
			}
		}
	}
	return nil
}

// stream writes to a sheet through excelize's StreamWriter; its strings
// are inline strings, never formulas.
type stream struct{ sw *excelize.StreamWriter }

func (s stream) row(r int, cells ...c) error { return s.rowHeight(r, 0, cells...) }

// rowHeight writes a row of the given height in points (0: the default).
func (s stream) rowHeight(r int, height float64, cells ...c) error {
	vals := make([]any, len(cells))
	for i, x := range cells {
		if x.v == nil && x.s == 0 {
			continue
		}
		switch x.v.(type) {
		case nil, string, int64, int, float64, time.Time:
		default:
			return fmt.Errorf("report: cannot write a %T", x.v)
		}
		vals[i] = excelize.Cell{StyleID: x.s, Value: x.v}
	}
	ref, err := excelize.CoordinatesToCellName(1, r)
	if err != nil {
		return err
	}
	if height > 0 {
		return s.sw.SetRow(ref, vals, excelize.RowOpts{Height: height})
	}
	return s.sw.SetRow(ref, vals)
}

// txt is a text cell.
func txt(s string, style int) c { return c{s, style} }

// wall is t's wall-clock time in loc, as Excel stores times (no zone).
func wall(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// monthCell is the first day of a month, shown as "Feb 2026".
func (b *book) monthCell(m backend.Month) c { return c{m.Start(time.UTC), b.st.month} }

// major is minor units as a number of major units, for a money cell.
func (b *book) major(n float64) float64 {
	if b.st.moneyExp == 0 {
		return n
	}
	return n / math.Pow10(b.st.moneyExp)
}

// num is a figure of unit u as a cell; a missing one is "—".
func (b *book) num(v *float64, u figures.Unit) c {
	if v == nil {
		return c{"—", b.st.dash}
	}
	switch u {
	case figures.Money:
		return c{b.major(*v), b.st.money}
	case figures.Minutes:
		return b.duration(*v)
	}
	return c{*v, b.st.value(u)}
}

// duration is a number of minutes as an Excel duration cell: "45 min",
// "12 h 7 min".
func (b *book) duration(minutes float64) c {
	if math.Abs(minutes) < 60 {
		return c{minutes / (24 * 60), b.st.minutesShort}
	}
	return c{minutes / (24 * 60), b.st.minutes}
}

// fig is figure f of month i as a cell.
func (b *book) fig(f *figures.Field, i int) c { return b.num(b.s.Value(f, i), f.Unit) }

// money is an amount in minor units as a money cell.
func (b *book) money(n int64) c { return c{b.major(float64(n)), b.st.money} }

// delta is a month-over-month difference of unit u; ratios in points.
func (b *book) delta(v *float64, u figures.Unit) c {
	if v == nil {
		return c{"—", b.st.dash}
	}
	switch u {
	case figures.Money:
		return c{b.major(*v), b.st.moneyDelta}
	case figures.Ratio:
		return c{*v * 100, b.st.points}
	}
	return c{*v, b.st.delta(u)}
}

// rel is a relative change as a percentage cell.
func (b *book) rel(v *float64) c {
	if v == nil {
		return c{"—", b.st.dash}
	}
	return c{*v, b.st.pctDelta}
}

// setup gives a sheet its column widths, print setup (landscape, fitted
// to the page width, A4) and the rows repeated on every printed page. It
// must run before a StreamWriter is opened on the sheet.
func (b *book) setup(sheet string, widths []float64, titleRows int) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return b.print(sheet, titleRows)
}

// streamWidths sets the column widths of a streamed sheet. excelize puts
// each new width before the others, so they are set from the last column
// back to keep the columns in ascending order, as Excel expects.
func streamWidths(sw *excelize.StreamWriter, widths []float64) error {
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	return nil
}

// print sets the print setup of a sheet.
func (b *book) print(sheet string, titleRows int) error {
	landscape, size, fitW, fitH := "landscape", 9, 1, 0
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &size,
		FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.4
	if err := b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return err
	}
	if err := b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L&8" + footerText(b.r.Workspace+" — "+b.r.Title) + "&R&8&A, page &P of &N",
	}); err != nil {
		return err
	}
	if titleRows > 0 {
		return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, titleRows), Scope: sheet})
	}
	return nil
}

// printArea prints a listing's first rows only: columns A to lastCol,
// rows 1 to lastRow; the sheet says what follows on screen.
func (b *book) printArea(sheet, lastCol string, lastRow int) error {
	b.printRows[sheet] = lastRow
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sheet, lastCol, lastRow), Scope: sheet})
}

// footerText escapes the header/footer control character.
func footerText(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '&' {
			out = append(out, '&')
		}
		out = append(out, r)
	}
	if len(out) > 180 {
		out = out[:180]
	}
	return string(out)
}

// freeze keeps the first rows (and columns) in view while scrolling.
func freezePanes(rows, cols int) *excelize.Panes {
	cell, _ := excelize.CoordinatesToCellName(cols+1, rows+1)
	pane := "bottomRight"
	if cols == 0 {
		pane = "bottomLeft"
	}
	return &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: cell, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: cell, ActiveCell: cell, Pane: pane}}}
}

// lines estimates how many lines a text takes in a wrapped cell chars
// wide (Excel's unit: a "0" of the body font): each paragraph wrapped at
// its spaces, the letters at roughly Calibri's widths. Carlito, its twin
// in LibreOffice, is a little wider than Excel's unit: a line holds 0.95
// of the cell's width (measured on the Definitions sheet).
func lines(s string, chars float64) int {
	room := chars * 0.95
	n := 0
	for _, para := range splitLines(s) {
		n++
		x := 0.0
		for i, word := range strings.Split(para, " ") {
			w := widthOf(word)
			if i > 0 {
				if x > 0 && x+runeWidth(' ')+w > room {
					n++
					x = 0
				} else {
					x += runeWidth(' ')
				}
			}
			x += w
			for ; x > room; x -= room { // a word wider than the cell breaks
				n++
			}
		}
	}
	return n
}

// widthOf is a text's width in "0"s.
func widthOf(s string) (w float64) {
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// runeWidth is a letter's width in "0"s of Calibri, in classes.
func runeWidth(r rune) float64 {
	switch {
	case strings.ContainsRune(" .,:;ijl!|'I", r):
		return 0.45
	case strings.ContainsRune("ftr()[]-/", r):
		return 0.65
	case strings.ContainsRune("mwMW%@", r):
		return 1.5
	case r == '—' || r >= 0x2E80: // an em dash, CJK
		return 2
	case r >= 'a' && r <= 'z':
		return 0.92
	case unicode.IsUpper(r):
		return 1.1
	}
	return 1
}

// span is a text across the columns from..to of a row.
type span struct {
	from, to int
	text     string
}

// merged merges the spans of row wider than a column and makes the row
// tall enough for the longest text: one line at Excel's default height,
// more at 15 pt a line and a margin.
func (b *book) merged(sheet string, row int, widths []float64, spans ...span) error {
	n := 1
	for _, s := range spans {
		if s.to > s.from {
			if err := b.f.MergeCell(sheet, cell(s.from, row), cell(s.to, row)); err != nil {
				return err
			}
		}
		w := 0.0
		for k := s.from; k <= s.to; k++ {
			w += widths[k-1]
		}
		n = max(n, lines(s.text, w))
	}
	h := 15.0
	if n > 1 {
		h = float64(n)*15 + 4
	}
	return b.f.SetRowHeight(sheet, row, h)
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// cell is the reference of a cell: cell(2, 5) = "B5".
func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
