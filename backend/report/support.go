package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
	"keel/backend/support"
)

// Support: the monthly support numbers, and how the review month's
// tickets split by channel, priority and assignee. The tickets themselves
// are on the Tickets sheet. Both come from the review's figures, frozen
// with it.

var supportCols = figures.MustFields("support.tickets", "support.solved",
	"support.first_reply_minutes_p50", "support.first_reply_minutes_p90",
	"support.resolution_minutes_p50", "support.resolution_minutes_p90",
	"support.satisfaction", "support.active_accounts",
	"support.tickets_per_active_account", "revenue.customers")

// splitRows is how many channels, priorities or assignees a split lists.
const splitRows = 15
const supportHeader = 4

func (b *book) support() error {
	sh := SheetSupport
	widths := []float64{12}
	for range supportCols {
		widths = append(widths, 15)
	}
	widths = append(widths, 15)
	if err := b.setup(sh, widths, supportHeader); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Support load — the 12 months to "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	note := "Reply and resolution times are calendar time, in hours and minutes (nearest-rank median and 90th percentile). " +
		"Tickets per paying customer divides by customers with MRR; tickets per active account also counts accounts active in the product."
	if err := g.row(2, txt(note, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, len(widths), note, 12+15*float64(len(widths)-1)); err != nil {
		return err
	}
	head := []c{txt("Month", b.st.header)}
	for _, f := range supportCols {
		head = append(head, txt(f.Label, b.st.headerRight))
	}
	head = append(head, txt("Tickets per paying customer", b.st.headerRight))
	if err := g.row(supportHeader, head...); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, supportHeader, 46); err != nil {
		return err
	}
	for m := range b.s.Months {
		month := &b.s.Months[m]
		cells := []c{b.monthCell(month.Month)}
		for _, f := range supportCols {
			cells = append(cells, b.fig(f, m))
		}
		cells = append(cells, b.num(month.TicketsPerCustomer(), figures.Multiple))
		if err := g.row(supportHeader+1+m, cells...); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sh, freezePanes(supportHeader, 1)); err != nil {
		return err
	}
	row := supportHeader + len(b.s.Months) + 2
	if b.s.Has&figures.Tickets == 0 {
		return g.row(row, txt("No helpdesk data: "+figures.NeedHelpdesk.Text, b.st.warning))
	}
	if err := b.supportCharts(row); err != nil {
		return err
	}
	row += chartRows
	if b.s.Tables == nil {
		return g.row(row, txt(noTables, b.st.muted))
	}
	sp := b.s.Tables.Splits
	for i, split := range []struct {
		title  string
		counts []support.Count
		person bool
	}{
		{"By channel", sp.Channel, false}, {"By priority", sp.Priority, false}, {"By assignee", sp.Assignee, true},
	} {
		if err := b.ticketSplit(g, row, 1+splitCols*i, split.title, split.counts, split.person); err != nil {
			return err
		}
	}
	return nil
}

// chartRows is how many rows a chart takes, with a row between it and
// what follows.
const chartRows = 18

// supportHalf is the column where the second chart starts: the first
// six columns (12 + 5 × 15 characters) are about half the table's width.
const supportHalf = 7

// supportCharts draws, side by side, the tickets with the tickets per
// active account, and the reply and resolution times (hours on the axis),
// month by month.
func (b *book) supportCharts(row int) error {
	m := &monthChart{b: b, sheet: SheetSupport, first: supportHeader + 1, hidden: len(supportCols) + 3}
	col := func(key string) int {
		for i, f := range supportCols {
			if f.Key == key {
				return i + 2
			}
		}
		panic("report: no support column " + key)
	}
	paint := func(colour string, dashed bool) func(name, cats, values string) excelize.ChartSeries {
		return func(name, cats, values string) excelize.ChartSeries { return line(name, cats, values, colour, dashed) }
	}
	tickets, err := m.series(func(name, cats, values string) excelize.ChartSeries { return bar(name, cats, values, accent) },
		col("support.tickets"))
	if err != nil {
		return err
	}
	perAccount, err := m.series(paint(amberLine, false), col("support.tickets_per_active_account"))
	if err != nil {
		return err
	}
	if len(tickets) == 0 { // the months before the first ticket
		return nil
	}
	if err := b.draw(SheetSupport, cell(1, row), plot{title: "Tickets, and tickets per active account", kind: excelize.Col,
		height: chartHeight, width: chartWidth / 2, series: tickets, overlay: perAccount, overFmt: "0.00", catFmt: monthFmt}); err != nil {
		return err
	}
	var times []excelize.ChartSeries
	for _, t := range []struct {
		key    string
		colour string
		dashed bool
	}{
		{"support.first_reply_minutes_p50", accent, false}, {"support.first_reply_minutes_p90", accent, true},
		{"support.resolution_minutes_p50", MovementColours["expansion"], false}, {"support.resolution_minutes_p90", MovementColours["expansion"], true},
	} {
		s, err := m.series(paint(t.colour, t.dashed), col(t.key))
		if err != nil {
			return err
		}
		times = append(times, s...)
	}
	if len(times) == 0 {
		return nil
	}
	return b.draw(SheetSupport, cell(supportHalf, row), plot{title: "Reply and resolution (p50 solid, p90 dashed)",
		kind: excelize.Line, height: chartHeight, width: chartWidth / 2, series: times, format: axisHours, catFmt: monthFmt})
}

// noTables says why a review frozen by an earlier Keel lists no tickets or
// events: it kept only their numbers.
const noTables = "This review was frozen by an earlier version of Keel, which kept the month's numbers but not its tickets and events."

// splitCols: the columns of a split, side by side with the others (the
// name takes two).
const splitCols = 4

// ticketSplit lists the review month's tickets by one column, from row
// and col: the splitRows largest, each with its share of them.
func (b *book) ticketSplit(g plain, row, col int, title string, counts []support.Count, person bool) error {
	at := func(r int, cells ...c) error { return g.row(r, append(make([]c, col-1), cells...)...) }
	counts = counts[:min(len(counts), splitRows)]
	var total int64
	for _, x := range counts {
		total += x.Tickets
	}
	if err := at(row, txt(title+", "+b.r.Title, b.st.section)); err != nil {
		return err
	}
	row++
	if err := at(row, txt(strings.ToUpper(title[3:4])+title[4:], b.st.header), txt("", b.st.header), txt("Tickets", b.st.headerRight), txt("Share", b.st.headerRight)); err != nil {
		return err
	}
	row++
	for _, x := range counts {
		name := x.Key
		if person {
			name = b.anon.agent(name)
		}
		if name == "" {
			name = "(none)"
		}
		if err := at(row, txt(name, b.st.text), c{}, c{x.Tickets, b.st.count}, c{float64(x.Tickets) / float64(total), b.st.pct}); err != nil {
			return err
		}
		if err := b.f.MergeCell(g.sheet, cell(col, row), cell(col+1, row)); err != nil {
			return err
		}
		row++
	}
	return nil
}
