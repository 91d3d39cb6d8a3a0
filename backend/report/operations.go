package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
)

// Operations: the decision loop on one sheet, so that it prints on a page
// or two rather than four — releases, manual work, decisions and the cost
// to serve, each a section with its numbers by month, then the review
// month's detail: the releases and flags (releases.go), the decisions due
// for validation, and the cost and margin of each plan (a native chart).
// The numbers are the review's figures (frozen with a frozen review); the
// decisions due are the log as it stands, said so.

var (
	releaseFields  = figures.MustFields("operations.releases", "operations.rollbacks", "operations.hotfixes", "operations.bugs_per_release")
	manualFields   = figures.MustFields("operations.manual_interventions", "operations.manual_minutes", "operations.manual_interventions_per_account")
	decisionFields = figures.MustFields("decisions.decisions_made", "decisions.decisions_shipped", "decisions.decisions_validated",
		"decisions.decisions_invalidated", "decisions.decision_days_p50", "decisions.decisions_overdue")
	costFields = figures.MustFields("costs.cost_to_serve", "costs.margin", "costs.power_users")
)

// operationsCols: the month (or a plan's name), then up to six numbers
// (the decisions'); operationsWidth: their width in pixels, the chart's.
const (
	operationsCols  = 7
	operationsWidth = 22*7 + 5 + 6*(17*7+5)
)

func (b *book) operations() error {
	sh := SheetOperations
	widths := []float64{22}
	for len(widths) < operationsCols {
		widths = append(widths, 17)
	}
	if err := b.setup(sh, widths, 0); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Operations — "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	row := 3
	for _, section := range []func(plain, int) (int, error){b.releases, b.manual, b.decisions, b.costs} {
		var err error
		if row, err = section(g, row); err != nil {
			return err
		}
	}
	return b.f.SetPanes(sh, freezePanes(1, 0))
}

// byMonth writes an area's section from row: its title, then how to start
// while the workspace has none of its data, else its numbers by month. It
// returns the row after the section's blank line.
func (b *book) byMonth(g plain, row int, title string, area figures.Data, fields []*figures.Field) (int, error) {
	if err := g.row(row, txt(title, b.st.section)); err != nil {
		return row, err
	}
	row++
	has := false
	for _, f := range fields {
		has = has || b.s.Value(f, len(b.s.Months)-1) != nil
	}
	if h := b.s.Has.Lacks(area); h != nil && !has {
		// This workspace does not use the area yet: say how.
		if err := g.row(row, txt(h.Text, b.st.muted)); err != nil {
			return row, err
		}
		return row + 2, b.tall(g.sheet, row, 1, operationsCols, h.Text, 40)
	}
	head, tall := []c{txt("Month", b.st.header)}, 1
	for _, f := range fields {
		head = append(head, txt(f.Label, b.st.headerRight))
		tall = max(tall, lines(f.Label, 15))
	}
	if err := g.row(row, head...); err != nil {
		return row, err
	}
	if err := b.f.SetRowHeight(g.sheet, row, float64(tall)*15+4); err != nil {
		return row, err
	}
	for m := range b.s.Months {
		row++
		cells := []c{b.monthCell(b.s.Months[m].Month)}
		for _, f := range fields {
			cells = append(cells, b.fig(f, m))
		}
		if err := g.row(row, cells...); err != nil {
			return row, err
		}
	}
	return row + 2, nil
}

func (b *book) manual(g plain, row int) (int, error) {
	return b.byMonth(g, row, "Manual work", figures.Manual, manualFields)
}

// decisions: the throughput by month, then the decisions due.
func (b *book) decisions(g plain, row int) (int, error) {
	row, err := b.byMonth(g, row, "Decisions", figures.Decisions, decisionFields)
	if err != nil || len(b.r.Due) == 0 {
		return row, err
	}
	if err := g.row(row, txt("Due for validation (the decision log as this report was written)", b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := g.row(row, txt("Review on", b.st.header), txt("Decision", b.st.header), txt("Owner", b.st.header),
		txt("Figure", b.st.header), txt("What the numbers say", b.st.header)); err != nil {
		return row, err
	}
	if err := b.f.MergeCell(g.sheet, cell(5, row), cell(operationsCols, row)); err != nil {
		return row, err
	}
	for _, d := range b.r.Due {
		row++
		say := "—"
		if d.Proposal != nil {
			say = d.Proposal.Reading
		}
		what, owner := b.anon.text(d.What), b.anon.agent(d.Owner)
		if err := g.row(row, txt(d.ReviewOn, b.st.text), txt(what, b.st.wrap), txt(owner, b.st.wrap),
			txt(d.FigureLabel, b.st.wrap), txt(say, b.st.wrap)); err != nil {
			return row, err
		}
		if err := b.f.MergeCell(g.sheet, cell(5, row), cell(operationsCols, row)); err != nil {
			return row, err
		}
		n := max(lines(what, 14), lines(owner, 14), lines(d.FigureLabel, 14), lines(say, 45))
		if err := b.f.SetRowHeight(g.sheet, row, float64(n)*15+4); err != nil {
			return row, err
		}
	}
	return row + 2, nil
}

// costs: the cost to serve by month, then each plan's cost and margin in
// the review month, drawn as MRR and cost bars with the margin as points
// on its own axis (the plans that pay).
func (b *book) costs(g plain, row int) (int, error) {
	row, err := b.byMonth(g, row, "Costs", figures.Costs, costFields)
	plans := b.s.CostPlans
	if err != nil || len(plans) == 0 {
		return row, err
	}
	if err := g.row(row, txt("Cost and margin per plan, "+b.r.Title, b.st.section)); err != nil {
		return row, err
	}
	row++
	head, whatIf := row, "Margin if the heaviest 1 % used 10×"
	if err := g.row(row, txt("Plan", b.st.header), txt("Accounts", b.st.headerRight), txt("MRR", b.st.headerRight),
		txt("Cost to serve", b.st.headerRight), txt("Margin", b.st.headerRight), txt(whatIf, b.st.headerRight)); err != nil {
		return row, err
	}
	if err := b.f.SetRowHeight(g.sheet, row, float64(lines(whatIf, 14))*15+4); err != nil {
		return row, err
	}
	first := row + 1
	for _, p := range plans {
		row++
		name := p.Plan
		if name == "" {
			name = "Not paying (trial, free or churned)"
		}
		margin, whatIf := c{"—", b.st.dash}, c{"—", b.st.dash}
		if p.Margin != nil {
			margin = c{*p.Margin, b.st.pct}
		}
		if p.WhatIfMargin != nil {
			whatIf = c{*p.WhatIfMargin, b.st.pct}
		}
		if err := g.row(row, txt(name, b.st.text), c{p.Accounts, b.st.count}, b.money(p.MRR), b.money(p.Cost), margin, whatIf); err != nil {
			return row, err
		}
	}
	last := row
	if plans[len(plans)-1].Plan == "" {
		last--
	}
	if last < first {
		return row + 2, nil
	}
	sh := g.sheet
	rng := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, col, first, col, last) }
	cats := rng("A")
	name := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d", sh, col, head) }
	const height = 360
	err = b.draw(sh, cell(1, row+2), plot{title: "Cost and margin per plan", kind: excelize.Col, height: height, width: operationsWidth, format: b.axisMoney(),
		series: []excelize.ChartSeries{
			bar(name("C"), cats, rng("C"), accent), bar(name("D"), cats, rng("D"), MovementColours["contraction"]),
		},
		overlay: []excelize.ChartSeries{points(name("E"), cats, rng("E"), amberLine)}, overFmt: "0%"})
	return row + 2 + height/20 + 1, err
}
