package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
)

// Decisions and Costs: the decision throughput by month with the
// decisions due for validation, and the cost to serve by month with the
// cost and margin of each plan in the review month (a native chart). The
// numbers are the review's figures (frozen with a frozen review); the
// decisions due are the log as it stands, said so.

var (
	decisionFields = figures.MustFields("decisions.decisions_made", "decisions.decisions_shipped", "decisions.decisions_validated",
		"decisions.decisions_invalidated", "decisions.decision_days_p50", "decisions.decisions_overdue")
	costFields = figures.MustFields("costs.cost_to_serve", "costs.margin", "costs.power_users")
)

func (b *book) decisionsSheet() error {
	if err := b.tracked(SheetDecisions, "Decisions", figures.Decisions, decisionFields); err != nil {
		return err
	}
	row := 4 + len(b.s.Months) + 1
	g := plain{b.f, SheetDecisions}
	if len(b.r.Due) == 0 {
		return nil
	}
	if err := g.row(row, txt("Due for validation (the decision log as this report was written)", b.st.section)); err != nil {
		return err
	}
	row++
	if err := g.row(row, txt("Review on", b.st.header), txt("Decision", b.st.header), txt("Owner", b.st.header),
		txt("Figure", b.st.header), txt("What the numbers say", b.st.header)); err != nil {
		return err
	}
	for _, d := range b.r.Due {
		row++
		say := "—"
		if d.Proposal != nil {
			say = d.Proposal.Reading
		}
		if err := g.row(row, txt(d.ReviewOn, b.st.text), txt(b.anon.text(d.What), b.st.text), txt(b.anon.agent(d.Owner), b.st.text),
			txt(d.FigureLabel, b.st.text), txt(say, b.st.text)); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) costsSheet() error {
	if err := b.tracked(SheetCosts, "Costs", figures.Costs, costFields); err != nil {
		return err
	}
	plans := b.s.CostPlans
	if len(plans) == 0 {
		return nil
	}
	sh := SheetCosts
	g := plain{b.f, sh}
	row := 4 + len(b.s.Months) + 1
	if err := g.row(row, txt("Cost and margin per plan, "+b.r.Title, b.st.section)); err != nil {
		return err
	}
	row++
	head := row
	if err := g.row(row, txt("Plan", b.st.header), txt("Accounts", b.st.headerRight), txt("MRR", b.st.headerRight),
		txt("Cost to serve", b.st.headerRight), txt("Margin", b.st.headerRight), txt("Margin if the heaviest 1 % used 10×", b.st.headerRight)); err != nil {
		return err
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
			return err
		}
	}
	last := row
	// The chart: MRR and cost per plan as bars, margin as points on its
	// own axis (the plans that pay).
	if plans[len(plans)-1].Plan == "" {
		last--
	}
	if last < first {
		return nil
	}
	rng := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, col, first, col, last) }
	cats := rng("A")
	name := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d", sh, col, head) }
	return b.draw(sh, cell(1, row+2), plot{title: "Cost and margin per plan", kind: excelize.Col, height: 360, format: b.axisMoney(),
		series: []excelize.ChartSeries{
			bar(name("C"), cats, rng("C"), accent), bar(name("D"), cats, rng("D"), MovementColours["contraction"]),
		},
		overlay: []excelize.ChartSeries{points(name("E"), cats, rng("E"), amberLine)}, overFmt: "0%"})
}
