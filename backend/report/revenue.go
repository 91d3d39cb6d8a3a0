package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"keel/backend/review"
)

// Revenue: the monthly table (one column per month, so that a year prints
// on one page), the native charts — MRR with its stacked movements, and
// customers — and the plan mix.

// revenueRow is one line of the Revenue table.
type revenueRow struct {
	label string
	key   string
	neg   bool // shown negative: it lowers MRR
	net   bool // the net change, from the movements
}

var revenueRows = []revenueRow{
	{label: "MRR", key: "revenue.mrr"},
	{label: "New", key: "revenue.new"},
	{label: "Expansion", key: "revenue.expansion"},
	{label: "Reactivation", key: "revenue.reactivation"},
	{label: "Contraction", key: "revenue.contraction", neg: true},
	{label: "Churn", key: "revenue.churn", neg: true},
	{label: "FX", key: "revenue.fx"},
	{label: "Net change", net: true},
	{label: "ARR", key: "revenue.arr"},
	{label: "Paying customers", key: "revenue.customers"},
	{label: "New customers", key: "revenue.new_customers"},
	{label: "Churned customers", key: "revenue.churned_customers"},
	{label: "Reactivated customers", key: "revenue.reactivated_customers"},
	{label: "ARPA", key: "revenue.arpa"},
	{label: "Logo churn", key: "revenue.logo_churn_rate"},
	{label: "Gross revenue churn", key: "revenue.gross_revenue_churn_rate"},
	{label: "Net revenue churn", key: "revenue.net_revenue_churn_rate"},
	{label: "NRR (monthly)", key: "revenue.nrr"},
	{label: "Quick ratio", key: "revenue.quick_ratio"},
	{label: "Collected", key: "revenue.collected"},
	{label: "Refunded", key: "revenue.refunded"},
	{label: "Refunds", key: "revenue.refunds"},
	{label: "Failed payments", key: "revenue.failed_payments"},
	{label: "Disputes", key: "revenue.disputes"},
	{label: "Disputed", key: "revenue.disputed"},
}

// revenueHeader is the row of the month headers; the table starts below.
// Below the table come the MRR chart, the customers chart (customersAt
// rows further) and the plan mix (planMixAt rows further), with room for
// each chart's height at 20 px a row.
const (
	revenueHeader = 4
	chartWidth    = 1260
	customersAt   = 24
	planMixAt     = customersAt + 22
)

func (b *book) revenue() error {
	sh := SheetRevenue
	n := b.fig.Len()
	widths := []float64{24}
	for i := 0; i < n; i++ {
		widths = append(widths, 13)
	}
	if err := b.setup(sh, widths, revenueHeader); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt(fmt.Sprintf("Revenue — the %d months to %s (%s)", n, b.r.Title, strings.ToUpper(b.cur)), b.st.title)); err != nil {
		return err
	}
	note := "Movements that lower MRR (contraction, churn) are negative here, so each month's movements add up to its net change: " +
		"MRR = MRR of the month before + new + expansion + reactivation + contraction + churn + FX."
	if err := g.row(2, txt(note, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, n+1, note, 24+13*float64(n)); err != nil {
		return err
	}
	head := []c{txt("", b.st.header)}
	for _, m := range b.fig.Months {
		head = append(head, txt(shortMonth(m), b.st.headerRight)) // text: the charts' categories
	}
	if err := g.row(revenueHeader, head...); err != nil {
		return err
	}
	for i, rr := range revenueRows {
		cells := []c{txt(rr.label, b.st.text)}
		for m := 0; m < n; m++ {
			cells = append(cells, b.revenueCell(rr, m))
		}
		if err := g.row(revenueHeader+1+i, cells...); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sh, freezePanes(revenueHeader, 1)); err != nil {
		return err
	}
	if b.fig.Last("revenue.mrr") == nil {
		return g.row(revenueHeader+len(revenueRows)+2, txt("No billing data: "+strings.TrimSuffix(review.FieldOf("revenue.mrr").Missing, ".")+
			" to see MRR, its movements and the charts.", b.st.warning))
	}
	chartRow := revenueHeader + len(revenueRows) + 2
	if err := b.revenueCharts(chartRow); err != nil {
		return err
	}
	return b.planMix(chartRow + planMixAt)
}

func (b *book) revenueCell(rr revenueRow, m int) c {
	if rr.net {
		sum, any := 0.0, false
		for _, k := range []string{"revenue.new", "revenue.expansion", "revenue.reactivation", "revenue.fx"} {
			if v := b.fig.Value(k, m); v != nil {
				sum, any = sum+*v, true
			}
		}
		for _, k := range []string{"revenue.contraction", "revenue.churn"} {
			if v := b.fig.Value(k, m); v != nil {
				sum, any = sum-*v, true
			}
		}
		if !any {
			return c{"—", b.st.dash}
		}
		return c{b.major(sum), b.st.moneyDelta}
	}
	v := b.fig.Value(rr.key, m)
	u := review.FieldOf(rr.key).Unit
	if v != nil && rr.neg {
		x := -*v
		v = &x
	}
	return b.num(v, u)
}

// rowRange is the absolute reference of a table row's values.
func (b *book) rowRange(sheet string, row int) string {
	last, _ := excelize.ColumnNumberToName(b.fig.Len() + 1)
	return fmt.Sprintf("'%s'!$B$%d:$%s$%d", sheet, row, last, row)
}

func (b *book) rowOf(key string) int {
	for i, rr := range revenueRows {
		if rr.key == key {
			return revenueHeader + 1 + i
		}
	}
	return 0
}

func (b *book) revenueCharts(row int) error {
	sh := SheetRevenue
	cats := b.rowRange(sh, revenueHeader)
	axisMoney, _ := moneyFormat(b.cur, false)
	axisMoney = strings.Split(axisMoney, ";")[0]
	if i := strings.Index(axisMoney, "."); i >= 0 {
		axisMoney = axisMoney[:i] // whole units on the axis
	}
	series := func(label, key, kind string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf(key)), Categories: cats,
			Values: b.rowRange(sh, b.rowOf(key)),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{MovementColours[kind]}}}
	}
	gap, overlap, vary := uint(60), 100, false
	font := &excelize.Font{Size: 12, Bold: true}
	axisFont := excelize.Font{Size: 9, Color: greyText}
	bars := &excelize.Chart{
		Type:       excelize.ColStacked,
		VaryColors: &vary,
		Series: []excelize.ChartSeries{
			series("New", "revenue.new", "new"), series("Expansion", "revenue.expansion", "expansion"),
			series("Reactivation", "revenue.reactivation", "reactivation"), series("Contraction", "revenue.contraction", "contraction"),
			series("Churn", "revenue.churn", "churn"), series("FX", "revenue.fx", "fx"),
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "MRR and its monthly movements", Font: font}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: 420},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: axisMoney}, Font: axisFont},
		XAxis:     excelize.ChartAxis{TickLabelPosition: excelize.ChartTickLabelLow, Font: axisFont},
		GapWidth:  &gap,
		Overlap:   &overlap,
		PlotArea:  excelize.ChartPlotArea{},
	}
	line := &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf("revenue.mrr")), Categories: cats,
			Values: b.rowRange(sh, b.rowOf("revenue.mrr")),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{accent}},
			Line:   excelize.LineOptions{Width: 2.5},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{accent}}}}},
		YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: axisMoney}, Font: axisFont},
	}
	if err := b.f.AddChart(sh, cell(1, row), bars, line); err != nil {
		return err
	}
	cust := &excelize.Chart{
		Type:       excelize.Col,
		VaryColors: &vary,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf("revenue.new_customers")), Categories: cats, Values: b.rowRange(sh, b.rowOf("revenue.new_customers")),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{MovementColours["new"]}}},
			{Name: fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf("revenue.reactivated_customers")), Categories: cats, Values: b.rowRange(sh, b.rowOf("revenue.reactivated_customers")),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{MovementColours["reactivation"]}}},
			{Name: fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf("revenue.churned_customers")), Categories: cats, Values: b.rowRange(sh, b.rowOf("revenue.churned_customers")),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{MovementColours["churn"]}}},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Paying customers", Font: font}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: 360},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
		XAxis:     excelize.ChartAxis{TickLabelPosition: excelize.ChartTickLabelLow, Font: axisFont},
	}
	custLine := &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf("revenue.customers")), Categories: cats,
			Values: b.rowRange(sh, b.rowOf("revenue.customers")),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{accent}},
			Line:   excelize.LineOptions{Width: 2.5},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{accent}}}}},
		YAxis: excelize.ChartAxis{Secondary: true, Font: axisFont},
	}
	// The customers chart starts a printed page of its own.
	if err := b.f.InsertPageBreak(sh, cell(1, row+customersAt)); err != nil {
		return err
	}
	return b.f.AddChart(sh, cell(1, row+customersAt), cust, custLine)
}

// planMix writes the plan mix at the end of the review month.
func (b *book) planMix(row int) error {
	g := plain{b.f, SheetRevenue}
	if err := g.row(row, txt("Plan mix at the end of "+b.r.Title, b.st.section)); err != nil {
		return err
	}
	row++
	if err := g.row(row, txt("Plan", b.st.header), txt("MRR", b.st.headerRight), txt("Subscriptions", b.st.headerRight),
		txt("Share of MRR", b.st.headerRight)); err != nil {
		return err
	}
	row++
	var total int64
	for _, p := range b.r.Data.Plans {
		total += p.MRR
	}
	for _, p := range b.r.Data.Plans {
		share := c{"—", b.st.dash}
		if total > 0 {
			share = c{float64(p.MRR) / float64(total), b.st.pct}
		}
		if err := g.row(row, txt(p.Plan, b.st.text), b.money(p.MRR), c{p.Subscriptions, b.st.count}, share); err != nil {
			return err
		}
		row++
	}
	return nil
}

// shortMonth is "Feb 2026".
func shortMonth(month string) string {
	t := review.MonthTitle(month)
	if i := strings.IndexByte(t, ' '); i >= 3 {
		return t[:3] + t[i:]
	}
	return t
}
