package report

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The native charts of the report (Revenue, Support, Users, Costs) share
// one look: a bold title, the legend below, small grey axis labels, and
// an optional second chart drawn over the first on its own axis.

// plot is one chart: its main series (bars or lines) on the left axis,
// and the overlay's lines or points on the right axis.
type plot struct {
	title   string
	kind    excelize.ChartType // excelize.Col, ColStacked or Line
	height  uint
	width   uint // 0: chartWidth, the width of the sheet's table
	series  []excelize.ChartSeries
	format  string // the left axis' number format ("" for a count)
	overlay []excelize.ChartSeries
	overFmt string // the right axis' number format
	catFmt  string // the categories' format: "mmm yyyy" for months held as dates
	gap     *uint
	overlap *int
}

// draw adds the chart to sheet with its top-left corner at the cell at.
func (b *book) draw(sheet, at string, p plot) error {
	if col, row, err := excelize.CellNameToCoordinates(at); err == nil {
		b.charts[sheet] = append(b.charts[sheet], chartBox{col, row, float64(cmp.Or(p.width, chartWidth)) + 4, float64(p.height)*0.75 + 4})
	}
	font := &excelize.Font{Size: 12, Bold: true}
	axisFont := excelize.Font{Size: 9, Color: greyText}
	vary := false
	main := &excelize.Chart{
		Type:       p.kind,
		VaryColors: &vary,
		Series:     p.series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: p.title, Font: font}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: cmp.Or(p.width, chartWidth), Height: p.height},
		Format:     excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
		YAxis:      excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: p.format}, Font: axisFont},
		XAxis:      excelize.ChartAxis{TickLabelPosition: excelize.ChartTickLabelLow, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: p.catFmt}},
		GapWidth:   p.gap,
		Overlap:    p.overlap,
		// A missing month is a gap in the line, never a zero.
		ShowBlanksAs: "gap",
	}
	if len(p.overlay) == 0 {
		return b.f.AddChart(sheet, at, main)
	}
	over := &excelize.Chart{
		Type:   excelize.Line,
		Series: p.overlay,
		YAxis:  excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: p.overFmt}, Font: axisFont},
	}
	return b.f.AddChart(sheet, at, main, over)
}

// axisMoney is the money format of a chart axis: whole units.
func (b *book) axisMoney() string {
	f, _ := moneyFormat(b.cur, false)
	f = strings.Split(f, ";")[0]
	if i := strings.Index(f, "."); i >= 0 {
		f = f[:i]
	}
	return f
}

// axisHours is the format of an axis of durations (stored in days).
const axisHours = `[h]" h"`

// bar is a series drawn as bars of one colour.
func bar(name, cats, values, colour string) excelize.ChartSeries {
	return excelize.ChartSeries{Name: name, Categories: cats, Values: values,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}}
}

// line is a series drawn as a line with round markers; dashed for a
// second, lesser reading of the same figure (a 90th percentile).
func line(name, cats, values, colour string, dashed bool) excelize.ChartSeries {
	s := excelize.ChartSeries{Name: name, Categories: cats, Values: values,
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
		Line:   excelize.LineOptions{Width: 2.5},
		Marker: excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}}}
	if dashed {
		s.Line = excelize.LineOptions{Width: 1.75, Dash: excelize.LineDashDash}
	}
	return s
}

// chartHeight is the height of a chart of the Support or Users sheet: it
// fits in chartRows rows at LibreOffice's default row height (17 px).
const chartHeight = 280

// monthFmt is the format of a chart's months, held as dates: short, as
// twelve of them share the width of half a page.
const monthFmt = "mmm yy"

// monthChart is a chart of a sheet whose table has a month a row: the
// months in column A from row first, one row per month of the review.
type monthChart struct {
	b      *book
	sheet  string
	first  int // the row of the first month
	hidden int // the next free hidden column, right of the table
}

// ref is the absolute reference of column col over the months' rows.
func (m *monthChart) ref(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", m.sheet, name, m.first, name, m.first+len(m.b.s.Months)-1)
}

func (m *monthChart) cats() string { return m.ref(1) }

// name is the reference of the header above column col.
func (m *monthChart) name(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d", m.sheet, name, m.first-1)
}

// values copies the numbers of the table's column col to a hidden column,
// blank where the table shows "—" (a chart would draw that text as 0),
// and returns the hidden column's reference and how many months have a
// number.
func (m *monthChart) values(col int) (string, int, error) {
	n, err := m.b.copyNumbers(m.sheet, len(m.b.s.Months),
		func(i int) string { return cell(col, m.first+i) }, func(i int) string { return cell(m.hidden, m.first+i) })
	if err != nil {
		return "", 0, err
	}
	name, _ := excelize.ColumnNumberToName(m.hidden)
	if err := m.b.f.SetColVisible(m.sheet, name, false); err != nil {
		return "", 0, err
	}
	ref := m.ref(m.hidden)
	m.hidden++
	return ref, n, nil
}

// copyNumbers copies the numbers of n cells (src(i)) to the cells dst(i)
// of a sheet, leaving blank those that show "—" or nothing, and says how
// many it copied: charts read the copies, so that a missing month is a
// gap, never a 0.
func (b *book) copyNumbers(sheet string, n int, src, dst func(i int) string) (int, error) {
	copied := 0
	for i := 0; i < n; i++ {
		v, err := b.f.GetCellValue(sheet, src(i), excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, err
		}
		var x float64
		if v == "" || v == "—" {
			continue
		}
		if _, err := fmt.Sscan(v, &x); err != nil {
			continue
		}
		if err := b.f.SetCellValue(sheet, dst(i), x); err != nil {
			return 0, err
		}
		copied++
	}
	return copied, nil
}

// series draws the table's columns cols as series made by mk (bar, or a
// line), leaving out a column without a number in any month.
func (m *monthChart) series(mk func(name, cats, values string) excelize.ChartSeries, cols ...int) ([]excelize.ChartSeries, error) {
	var out []excelize.ChartSeries
	for _, col := range cols {
		ref, n, err := m.values(col)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			out = append(out, mk(m.name(col), m.cats(), ref))
		}
	}
	return out, nil
}
