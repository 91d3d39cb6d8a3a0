package report

import (
	"fmt"
	"strings"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/revenue"
)

// Movements: every customer behind every MRR movement of the 12 months,
// newest month first, streamed row by row.

var movementWidths = []float64{11, 14, 32, 34, 27, 24, 14, 14, 14}

const movementsHeader = 4

func (b *book) movements() error {
	sh := SheetMovements
	lines := foldFX(b.s.Movements)
	if n := len(lines); n > 0 {
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
	// Printed, the sheet is the report month's movements; the months before
	// are for the screen (they would print on several pages).
	printed := b.printedLines(lines)
	if printed > 0 {
		if err := g.row(3, txt(fmt.Sprintf("Printed: the %d lines of %s; the %d lines of the months before follow on screen.",
			printed, lines[0].Month.Title(), len(lines)-printed), b.st.muted)); err != nil {
			return err
		}
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
	for _, line := range lines {
		mv := line.Movement
		mc, ok := months[mv.Month]
		if !ok {
			mc = b.monthCell(mv.Month)
			months[mv.Month] = mc
		}
		amount := c{b.major(float64(mv.Effect())), b.st.moneyDelta}
		if line.folded > 0 {
			what := fmt.Sprintf("%d customers: exchange-rate changes under %d %% of their MRR", line.folded, fxFoldPercent)
			if err := g.row(row, mc, txt(mv.Kind.Label(), b.st.kinds[string(mv.Kind)]), txt(what, b.st.muted), c{}, c{}, c{},
				amount, b.money(mv.From), b.money(mv.To)); err != nil {
				return err
			}
			row++
			continue
		}
		id, name, email := b.anon.customer(mv.CustomerID, mv.Name, mv.Email)
		if err := g.row(row, mc, txt(mv.Kind.Label(), b.st.kinds[string(mv.Kind)]), txt(name, b.st.text), txt(email, b.st.text), txt(id, b.st.text),
			txt(mv.Plan, b.st.text), amount, b.money(mv.From), b.money(mv.To)); err != nil {
			return err
		}
		row++
	}
	if err := sw.MergeCell("A2", "I2"); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if printed == 0 {
		return nil
	}
	return b.printArea(sh, "I", movementsHeader+printed)
}

// printedLines is how many of the first lines are the report month's
// (newest month first): only those are printed when the months before
// have lines too; 0 prints the whole sheet.
func (b *book) printedLines(lines []movementLine) int {
	if len(lines) == 0 || len(b.s.Months) == 0 {
		return 0
	}
	last := b.s.Months[len(b.s.Months)-1].Month
	n := 0
	for n < len(lines) && lines[n].Month == last {
		n++
	}
	if n == len(lines) {
		return 0
	}
	return n
}

// fxFoldPercent: a customer whose only movement of a month is an FX
// revaluation smaller than this share of their MRR is not listed on a
// line of their own; the month's such revaluations make one line.
const fxFoldPercent = 5

// movementLine is a line of the Movements sheet: one customer's movement,
// or (folded > 0) the sum of folded customers' small FX revaluations.
type movementLine struct {
	figures.Movement
	folded int
}

// foldFX lists the movements as the sheet shows them: in their order,
// each month's small FX-only revaluations folded into one line after the
// month's other movements.
func foldFX(ms []figures.Movement) []movementLine {
	type key struct {
		m  backend.Month
		id string
	}
	other := map[key]bool{}
	for _, mv := range ms {
		if mv.Kind != revenue.FX {
			other[key{mv.Month, mv.CustomerID}] = true
		}
	}
	small := func(mv figures.Movement) bool {
		return mv.Kind == revenue.FX && !other[key{mv.Month, mv.CustomerID}] &&
			abs(mv.Amount)*100 < fxFoldPercent*abs(mv.From)
	}
	out := make([]movementLine, 0, len(ms))
	var fold *movementLine
	flush := func() {
		if fold != nil {
			out = append(out, *fold)
			fold = nil
		}
	}
	for _, mv := range ms {
		if fold != nil && mv.Month != fold.Month {
			flush()
		}
		if !small(mv) {
			out = append(out, movementLine{Movement: mv})
			continue
		}
		if fold == nil {
			fold = &movementLine{Movement: figures.Movement{Month: mv.Month, Kind: revenue.FX}}
		}
		fold.Amount += mv.Amount
		fold.From += mv.From
		fold.To += mv.To
		fold.folded++
	}
	flush()
	return out
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
