package report

import "keel/backend/figures"

// Operations: the decision loop on one sheet, so that it prints on one
// page — the releases' and the manual work's numbers by month side by
// side, the review month's releases and flags (releases.go), then the
// decisions' and the cost to serve by month, the decisions due for
// validation, and the cost and margin of each plan.
// The numbers are the review's figures (frozen with a frozen review); the
// decisions due are the log as it stands, said so.

var (
	releaseFields  = figures.MustFields("operations.releases", "operations.rollbacks", "operations.hotfixes", "operations.bugs_per_release")
	manualFields   = figures.MustFields("operations.manual_interventions", "operations.manual_minutes", "operations.manual_interventions_per_account")
	decisionFields = figures.MustFields("decisions.decisions_made", "decisions.decisions_shipped", "decisions.decisions_validated",
		"decisions.decisions_invalidated", "decisions.decision_days_p50", "decisions.decisions_overdue")
	costFields = figures.MustFields("costs.cost_to_serve", "costs.margin", "costs.power_users")
)

// operationsWidths: the month (or a release, a plan), then nine numbers
// (the decisions' and the costs').
var operationsWidths = []float64{24, 12, 12, 12, 12, 12, 12, 12, 12, 12}

func (b *book) operations() error {
	sh := SheetOperations
	if err := b.setup(sh, operationsWidths, 0); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Operations — "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	row := 3
	for _, section := range []func(plain, int) (int, error){b.releases, b.decisions, b.costs} {
		var err error
		if row, err = section(g, row); err != nil {
			return err
		}
	}
	return b.f.SetPanes(sh, freezePanes(1, 0))
}

// area is one part of a table by month: the data it needs and its fields.
type area struct {
	data   figures.Data
	fields []*figures.Field
}

// byMonth writes a section from row: its title, then the numbers by
// month of the areas the workspace uses side by side, and for each it
// does not use yet a line saying how to start. It returns the row after
// the section's blank line.
func (b *book) byMonth(g plain, row int, title string, areas ...area) (int, error) {
	if err := g.row(row, txt(title, b.st.section)); err != nil {
		return row, err
	}
	row++
	var fields []*figures.Field
	var hints []string
	for _, a := range areas {
		has := false
		for _, f := range a.fields {
			has = has || b.s.Value(f, len(b.s.Months)-1) != nil
		}
		if h := b.s.Has.Lacks(a.data); h != nil && !has {
			hints = append(hints, h.Text) // not used yet: say how
			continue
		}
		fields = append(fields, a.fields...)
	}
	if len(fields) > 0 {
		head, tall := []c{txt("Month", b.st.header)}, 1
		for _, f := range fields {
			head = append(head, txt(f.Label, b.st.headerRight))
			tall = max(tall, lines(f.Label, operationsWidths[1]))
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
		row++
	}
	for _, h := range hints {
		if err := g.row(row, txt(h, b.st.muted)); err != nil {
			return row, err
		}
		if err := b.tall(g.sheet, row, 1, len(operationsWidths), h, 100); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}

// decisions: the throughput and the cost to serve by month, then the
// decisions due.
func (b *book) decisions(g plain, row int) (int, error) {
	row, err := b.byMonth(g, row, "Decisions and costs", area{figures.Decisions, decisionFields}, area{figures.Costs, costFields})
	if err != nil || len(b.r.Due) == 0 {
		return row, err
	}
	if err := g.row(row, txt("Due for validation (the decision log as this report was written)", b.st.section)); err != nil {
		return row, err
	}
	row++
	// Decision A:B, review on C, owner D:E, figure F, reading G:J.
	if err := g.row(row, txt("Decision", b.st.header), c{}, txt("Review on", b.st.header), txt("Owner", b.st.header), c{},
		txt("Figure", b.st.header), txt("What the numbers say", b.st.header)); err != nil {
		return row, err
	}
	if err := b.merged(g.sheet, row, operationsWidths, dueSpans("", "", "", "")...); err != nil {
		return row, err
	}
	for _, d := range b.r.Due {
		row++
		say := "—"
		if d.Proposal != nil {
			say = d.Proposal.Reading
		}
		what, owner := b.anon.text(d.What), b.anon.agent(d.Owner)
		if err := g.row(row, txt(what, b.st.wrap), c{}, txt(d.ReviewOn, b.st.text), txt(owner, b.st.wrap), c{},
			txt(d.FigureLabel, b.st.wrap), txt(say, b.st.wrap)); err != nil {
			return row, err
		}
		if err := b.merged(g.sheet, row, operationsWidths, dueSpans(what, owner, d.FigureLabel, say)...); err != nil {
			return row, err
		}
	}
	return row + 2, nil
}

// dueSpans are the merged columns of a decision due: its words, owner,
// figure and reading.
func dueSpans(what, owner, figure, say string) []span {
	return []span{{1, 2, what}, {4, 5, owner}, {6, 6, figure}, {7, 10, say}}
}

// costs: each plan's cost and margin in the review month. A chart of it
// would print the sheet on a second page; the table says it all.
func (b *book) costs(g plain, row int) (int, error) {
	plans := b.s.CostPlans
	if len(plans) == 0 {
		return row, nil
	}
	if err := g.row(row, txt("Cost and margin per plan, "+b.r.Title, b.st.section)); err != nil {
		return row, err
	}
	row++
	whatIf := "Margin if the heaviest 1 % used 10×"
	if err := g.row(row, txt("Plan", b.st.header), txt("Accounts", b.st.headerRight), txt("MRR", b.st.headerRight),
		txt("Cost to serve", b.st.headerRight), txt("Margin", b.st.headerRight), txt(whatIf, b.st.headerRight)); err != nil {
		return row, err
	}
	if err := b.f.SetRowHeight(g.sheet, row, float64(lines(whatIf, operationsWidths[5]))*15+4); err != nil {
		return row, err
	}
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
		if err := g.row(row, txt(name, b.st.wrap), c{p.Accounts, b.st.count}, b.money(p.MRR), b.money(p.Cost), margin, whatIf); err != nil {
			return row, err
		}
		if err := b.merged(g.sheet, row, operationsWidths, span{1, 1, name}); err != nil {
			return row, err
		}
	}
	return row + 2, nil
}
