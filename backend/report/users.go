package report

import (
	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
	"keel/backend/review"
)

// Users: signups, activation and active accounts, and what the analytics
// events show directly: people seen and events per month, and the review
// month's most frequent events, all from the review's figures.

const usersHeader = 4

var usersCols = figures.MustFields("product.signups", "product.activation_rate", "support.active_accounts",
	"revenue.customers", "revenue.logo_churn_rate")

func (b *book) users() error {
	sh := SheetUsers
	if err := b.setup(sh, []float64{28, 14, 14, 14, 14, 14, 16, 14}, usersHeader); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Users — the 12 months to "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	var steps review.Step
	for _, st := range b.r.Steps {
		if st.ID == review.StepUsers {
			steps = st
		}
	}
	if err := g.row(2, txt(steps.Reading, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, 8, steps.Reading, 128); err != nil {
		return err
	}
	head := []c{txt("Month", b.st.header)}
	for _, f := range usersCols {
		head = append(head, txt(f.Label, b.st.headerRight))
	}
	head = append(head, txt("People seen (events)", b.st.headerRight), txt("Events", b.st.headerRight))
	if err := g.row(usersHeader, head...); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sh, usersHeader, 32); err != nil {
		return err
	}
	hasEvents := false
	for m := range b.s.Months {
		cells := []c{b.monthCell(b.s.Months[m].Month)}
		for _, f := range usersCols {
			cells = append(cells, b.fig(f, m))
		}
		if t := b.s.Tables; t != nil && m < len(t.Events) && b.s.Has&figures.Events != 0 {
			e := t.Events[m]
			hasEvents = hasEvents || e.Events > 0
			cells = append(cells, c{e.People, b.st.count}, c{e.Events, b.st.count})
		} else {
			cells = append(cells, c{"—", b.st.dash}, c{"—", b.st.dash})
		}
		if err := g.row(usersHeader+1+m, cells...); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sh, freezePanes(usersHeader, 1)); err != nil {
		return err
	}
	row := usersHeader + len(b.s.Months) + 2
	drawn, err := b.usersChart(row)
	if err != nil {
		return err
	}
	if drawn {
		row += chartRows
	}
	notes := append([]string(nil), steps.NotTracked...)
	if f := usersCols[1]; b.s.Value(f, len(b.s.Months)-1) == nil {
		notes = append(notes, "Activation: "+b.s.Missing(f))
	}
	for _, s := range notes {
		if err := g.row(row, txt(s, b.st.muted)); err != nil {
			return err
		}
		if err := b.tall(sh, row, 1, 8, s, 128); err != nil {
			return err
		}
		row++
	}
	row++
	switch {
	case b.s.Tables == nil:
		return g.row(row, txt(noTables, b.st.muted))
	case b.s.Has&figures.Events == 0:
		return g.row(row, txt("No analytics events imported. "+figures.NeedEvents.Text, b.st.warning))
	case !hasEvents:
		return g.row(row, txt("No analytics events in these 12 months.", b.st.muted))
	}
	return b.topEvents(g, row)
}

func (b *book) topEvents(g plain, row int) error {
	if err := g.row(row, txt("Most frequent events in "+b.r.Title, b.st.section)); err != nil {
		return err
	}
	row++
	if err := g.row(row, txt("Event", b.st.header), txt("Events", b.st.headerRight), txt("People", b.st.headerRight)); err != nil {
		return err
	}
	row++
	for _, e := range b.s.Tables.TopEvents {
		if err := g.row(row, txt(e.Name, b.st.text), c{e.Events, b.st.count}, c{e.People, b.st.count}); err != nil {
			return err
		}
		row++
	}
	return nil
}

// usersChart draws the signups with the activation rate, month by month,
// when the workspace has either.
func (b *book) usersChart(row int) (bool, error) {
	m := &monthChart{b: b, sheet: SheetUsers, first: usersHeader + 1, hidden: len(usersCols) + 4}
	signups, err := m.series(func(name, cats, values string) excelize.ChartSeries {
		return bar(name, cats, values, MovementColours["new"])
	}, 2)
	if err != nil {
		return false, err
	}
	activation, err := m.series(func(name, cats, values string) excelize.ChartSeries { return line(name, cats, values, accent, false) }, 3)
	if err != nil {
		return false, err
	}
	if len(signups) == 0 && len(activation) == 0 {
		return false, nil
	}
	p := plot{title: "Signups", kind: excelize.Col, height: chartHeight, series: signups, catFmt: monthFmt}
	switch {
	case len(signups) == 0: // the rate alone, on the left axis
		p = plot{title: "Share of signups activated", kind: excelize.Line, height: chartHeight, series: activation, format: "0%", catFmt: monthFmt}
	case len(activation) > 0:
		p.title, p.overlay, p.overFmt = "Signups, and the share of them activated", activation, "0%"
	}
	return true, b.draw(SheetUsers, cell(1, row), p)
}
