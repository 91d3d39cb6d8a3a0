package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
	"keel/backend/revenue"
)

// Revenue: the monthly table (one column per month, so that a year prints
// on one page), the native charts — MRR with its stacked movements, and
// customers — and the plan mix.

// revenueRow is one line of the Revenue table: a figure, or the net
// change (f nil). Movements are shown with their effect on MRR, so that
// contraction and churn are negative.
type revenueRow struct {
	label string
	f     *figures.Field
	kind  revenue.Kind // the movement the figure is, if any
}

var revenueRows = func() []revenueRow {
	var out []revenueRow
	for _, r := range []struct {
		label, key string
		kind       revenue.Kind
	}{
		{"MRR", "revenue.mrr", ""}, {"New", "revenue.new", revenue.New}, {"Expansion", "revenue.expansion", revenue.Expansion},
		{"Reactivation", "revenue.reactivation", revenue.Reactivation}, {"Contraction", "revenue.contraction", revenue.Contraction},
		{"Churn", "revenue.churn", revenue.Churn}, {"FX", "revenue.fx", revenue.FX}, {"Net change", "", ""},
		{"ARR", "revenue.arr", ""}, {"Paying customers", "revenue.customers", ""}, {"New customers", "revenue.new_customers", ""},
		{"Churned customers", "revenue.churned_customers", ""}, {"Reactivated customers", "revenue.reactivated_customers", ""},
		{"ARPA", "revenue.arpa", ""}, {"Logo churn", "revenue.logo_churn_rate", ""}, {"Gross revenue churn", "revenue.gross_revenue_churn_rate", ""},
		{"Net revenue churn", "revenue.net_revenue_churn_rate", ""}, {"NRR (monthly)", "revenue.nrr", ""}, {"Quick ratio", "revenue.quick_ratio", ""},
		{"Collected", "revenue.collected", ""}, {"Refunded", "revenue.refunded", ""}, {"Refunds", "revenue.refunds", ""},
		{"Failed payments", "revenue.failed_payments", ""}, {"Disputes", "revenue.disputes", ""}, {"Disputed", "revenue.disputed", ""},
	} {
		rr := revenueRow{label: r.label, kind: r.kind}
		if r.key != "" {
			rr.f = figures.MustFields(r.key)[0]
		}
		out = append(out, rr)
	}
	return out
}()

// revenueHeader is the row of the month headers; the table starts below.
// Below the table come the MRR chart, the customers chart (customersAt
// rows further) and the plan mix (planMixAt rows further), with room for
// each chart's height at 20 px a row.
const (
	revenueHeader = 4
	chartWidth    = 1260
	customersAt   = 22
	planMixAt     = customersAt + 22
)

func (b *book) revenue() error {
	sh := SheetRevenue
	n := len(b.s.Months)
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
	for _, m := range b.s.Months {
		head = append(head, txt(m.Month.Short(), b.st.headerRight)) // text: the charts' categories
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
	if b.s.Last().Revenue.MRR == nil {
		return g.row(revenueHeader+len(revenueRows)+2, txt("No billing data: "+b.s.Missing(revenueRows[0].f), b.st.warning))
	}
	if err := b.revenueChartRows(); err != nil {
		return err
	}
	chartRow := revenueHeader + len(revenueRows) + len(revenueCharted) + 2
	if err := b.revenueCharts(chartRow); err != nil {
		return err
	}
	return b.planMix(chartRow + planMixAt)
}

func (b *book) revenueCell(rr revenueRow, m int) c {
	month := &b.s.Months[m]
	if rr.f == nil {
		v := month.NetChange()
		if v == nil {
			return c{"—", b.st.dash}
		}
		return c{b.major(float64(*v)), b.st.moneyDelta}
	}
	if rr.kind != "" {
		v := month.Movement(rr.kind)
		if v == nil {
			return c{"—", b.st.dash}
		}
		return b.num(figure(rr.kind.Effect(*v)), figures.Money)
	}
	return b.fig(rr.f, m)
}

func figure(n int64) *float64 {
	x := float64(n)
	return &x
}

// rowRange is the absolute reference of a table row's values.
func (b *book) rowRange(sheet string, row int) string {
	last, _ := excelize.ColumnNumberToName(len(b.s.Months) + 1)
	return fmt.Sprintf("'%s'!$B$%d:$%s$%d", sheet, row, last, row)
}

func (b *book) rowOf(key string) int {
	for i, rr := range revenueRows {
		if rr.f != nil && rr.f.Key == key {
			return revenueHeader + 1 + i
		}
	}
	return 0
}

// revenueCharted are the Revenue rows the charts draw. Each is copied to
// a hidden row under the table, blank where the table shows "—", and the
// charts read the copies: a missing month is a gap, never a 0.
var revenueCharted = []string{"revenue.mrr", "revenue.new", "revenue.expansion", "revenue.reactivation", "revenue.contraction",
	"revenue.churn", "revenue.fx", "revenue.customers", "revenue.new_customers", "revenue.reactivated_customers", "revenue.churned_customers"}

// chartRowOf is the hidden row that copies the Revenue row of key.
func chartRowOf(key string) int {
	for i, k := range revenueCharted {
		if k == key {
			return revenueHeader + len(revenueRows) + 1 + i
		}
	}
	panic("report: " + key + " is not charted")
}

func (b *book) revenueChartRows() error {
	n := len(b.s.Months)
	for _, key := range revenueCharted {
		src, dst := b.rowOf(key), chartRowOf(key)
		if _, err := b.copyNumbers(SheetRevenue, n, func(i int) string { return cell(i+2, src) },
			func(i int) string { return cell(i+2, dst) }); err != nil {
			return err
		}
		if err := b.f.SetRowVisible(SheetRevenue, dst, false); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) revenueCharts(row int) error {
	sh := SheetRevenue
	cats := b.rowRange(sh, revenueHeader)
	name := func(key string) string { return fmt.Sprintf("'%s'!$A$%d", sh, b.rowOf(key)) }
	values := func(key string) string { return b.rowRange(sh, chartRowOf(key)) }
	bars := func(key, kind string) excelize.ChartSeries {
		return bar(name(key), cats, values(key), MovementColours[kind])
	}
	gap, overlap := uint(60), 100
	mrr := plot{title: "MRR and its monthly movements", kind: excelize.ColStacked, height: 420, format: b.axisMoney(),
		series: []excelize.ChartSeries{
			bars("revenue.new", "new"), bars("revenue.expansion", "expansion"), bars("revenue.reactivation", "reactivation"),
			bars("revenue.contraction", "contraction"), bars("revenue.churn", "churn"), bars("revenue.fx", "fx"),
		},
		overlay: []excelize.ChartSeries{line(name("revenue.mrr"), cats, values("revenue.mrr"), accent, false)},
		overFmt: b.axisMoney(), gap: &gap, overlap: &overlap}
	if err := b.draw(sh, cell(1, row), mrr); err != nil {
		return err
	}
	cust := plot{title: "Paying customers", kind: excelize.Col, height: 360,
		series: []excelize.ChartSeries{
			bars("revenue.new_customers", "new"), bars("revenue.reactivated_customers", "reactivation"), bars("revenue.churned_customers", "churn"),
		},
		overlay: []excelize.ChartSeries{line(name("revenue.customers"), cats, values("revenue.customers"), accent, false)}}
	// The customers chart starts a printed page of its own.
	if err := b.f.InsertPageBreak(sh, cell(1, row+customersAt)); err != nil {
		return err
	}
	b.pageBreaks[sh] = row + customersAt
	return b.draw(sh, cell(1, row+customersAt), cust)
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
	plans := b.s.Last().Plans
	_, shares := b.s.Last().PlanShares()
	for i, p := range plans {
		share := c{"—", b.st.dash}
		if shares[i] != nil {
			share = c{*shares[i], b.st.pct}
		}
		if err := g.row(row, txt(p.Plan, b.st.text), b.money(p.MRR), c{p.Subscriptions, b.st.count}, share); err != nil {
			return err
		}
		row++
	}
	return nil
}
