package report

import (
	"fmt"
	"strings"

	"keel/backend"
)

// Movements: every customer behind every MRR movement of the 12 months,
// newest month first, streamed row by row.

var movementWidths = []float64{11, 14, 32, 34, 22, 24, 14, 14, 14}

const movementsHeader = 4

func (b *book) movements() error {
	sh := SheetMovements
	if n := len(b.s.Movements); n > 0 {
		if err := b.f.AutoFilter(sh, fmt.Sprintf("A%d:I%d", movementsHeader, movementsHeader+n), nil); err != nil {
			return err
		}
	}
	if err := b.print(sh, movementsHeader); err != nil { // after the filter: both live in sheetPr
		return err
	}
	sw, err := b.f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	if err := streamWidths(sw, movementWidths); err != nil {
		return err
	}
	if err := sw.SetPanes(freezePanes(movementsHeader, 0)); err != nil {
		return err
	}
	g := stream{sw}
	if err := g.row(1, txt(fmt.Sprintf("MRR movements by customer — the %d months to %s (%s)", len(b.s.Months), b.r.Title, strings.ToUpper(b.cur)), b.st.title)); err != nil {
		return err
	}
	if err := g.row(2, txt("Amount is the effect on MRR: contraction and churn are negative. MRR before and after are the customer's MRR at the end of the month before and of the month.", b.st.subtitle)); err != nil {
		return err
	}
	if err := g.row(movementsHeader, txt("Month", b.st.header), txt("Movement", b.st.header), txt("Customer", b.st.header),
		txt("Email", b.st.header), txt("Customer id", b.st.header), txt("Plan", b.st.header), txt("Amount", b.st.headerRight),
		txt("MRR before", b.st.headerRight), txt("MRR after", b.st.headerRight)); err != nil {
		return err
	}
	row := movementsHeader + 1
	if len(b.s.Movements) == 0 {
		if err := g.row(row, txt("No movements: no billing data for these months.", b.st.muted)); err != nil {
			return err
		}
	}
	months := map[backend.Month]c{}
	for _, mv := range b.s.Movements {
		mc, ok := months[mv.Month]
		if !ok {
			mc = b.monthCell(mv.Month)
			months[mv.Month] = mc
		}
		id, name, email := b.anon.customer(mv.CustomerID, mv.Name, mv.Email)
		if err := g.row(row, mc, txt(mv.Kind.Label(), b.st.kinds[string(mv.Kind)]), txt(name, b.st.text), txt(email, b.st.text), txt(id, b.st.text),
			txt(mv.Plan, b.st.text), c{b.major(float64(mv.Effect())), b.st.moneyDelta}, b.money(mv.From), b.money(mv.To)); err != nil {
			return err
		}
		row++
	}
	if err := sw.MergeCell("A2", "I2"); err != nil {
		return err
	}
	return sw.Flush()
}
