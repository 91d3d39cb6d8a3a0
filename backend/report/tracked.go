package report

import (
	"keel/backend/figures"
)

// Manual work by month: for a workspace that does not use it yet, how to
// start. A sheet fills itself from the figures as soon as its numbers
// exist. Releases (releases.go) and Feedback (feedback.go) start with the
// same monthly table.

func (b *book) manual() error {
	return b.tracked(SheetManual, "Manual work", figures.Manual,
		figures.MustFields("operations.manual_interventions", "operations.manual_minutes", "operations.manual_interventions_per_account"))
}

// tracked writes the sheet of an area: how to start while the workspace
// has none of its data, else its numbers by month.
func (b *book) tracked(sheet, title string, area figures.Data, fields []*figures.Field) error {
	widths := []float64{14}
	for range fields {
		widths = append(widths, 18)
	}
	for len(widths) < 6 {
		widths = append(widths, 18)
	}
	if err := b.setup(sheet, widths, 0); err != nil {
		return err
	}
	g := plain{b.f, sheet}
	if err := g.row(1, txt(title+" — "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	has := false
	for _, f := range fields {
		has = has || b.s.Value(f, len(b.s.Months)-1) != nil
	}
	if h := b.s.Has.Lacks(area); h != nil && !has {
		// This workspace does not use the area yet: say how.
		if err := g.row(3, txt(h.Text, b.st.muted)); err != nil {
			return err
		}
		return b.tall(sheet, 3, 1, len(widths), h.Text, 40)
	}
	head := []c{txt("Month", b.st.header)}
	for _, f := range fields {
		head = append(head, txt(f.Label, b.st.headerRight))
	}
	if err := g.row(3, head...); err != nil {
		return err
	}
	for m := range b.s.Months {
		cells := []c{b.monthCell(b.s.Months[m].Month)}
		for _, f := range fields {
			cells = append(cells, b.fig(f, m))
		}
		if err := g.row(4+m, cells...); err != nil {
			return err
		}
	}
	return b.f.SetPanes(sheet, freezePanes(3, 1))
}
