package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
)

// Cohorts: the customers who started paying in each month, followed month
// by month — the share still paying, and the share of their starting MRR
// retained — as heatmaps through conditional formatting.

const cohortsHeader = 4

func (b *book) cohorts() error {
	sh := SheetCohorts
	cs := b.s.Cohorts
	n := len(cs)
	widths := []float64{12, 11, 14}
	for k := 0; k < max(n, 1); k++ {
		widths = append(widths, 9.5)
	}
	if err := b.setup(sh, widths, 0); err != nil {
		return err
	}
	g := plain{b.f, sh}
	if err := g.row(1, txt("Cohorts — who stays, by the month they started", b.st.title)); err != nil {
		return err
	}
	note := "Each row is the customers whose first paid month it was (or, last, the signups first seen that month); month k is k months later."
	if len(b.s.Usage) == 0 {
		note += " Retention by product usage needs analytics events: import them to see it here."
	}
	if err := g.row(2, txt(note, b.st.subtitle)); err != nil {
		return err
	}
	if err := b.tall(sh, 2, 1, len(widths), note, 12+11+14+9.5*float64(max(n, 1))); err != nil {
		return err
	}
	if n == 0 {
		return g.row(cohortsHeader, txt("No cohorts: no billing data for these months.", b.st.muted))
	}
	row, err := b.cohortTable(g, cohortsHeader, "Share of customers still paying", cs, func(co figures.Cohort, k int) (float64, bool) {
		if co.Customers == 0 || k >= len(co.Paying) {
			return 0, false
		}
		return float64(co.Paying[k]) / float64(co.Customers), true
	})
	if err != nil {
		return err
	}
	row, err = b.cohortTable(g, row+2, "Share of starting MRR retained (above 100 % when expansion outgrew churn)", cs, func(co figures.Cohort, k int) (float64, bool) {
		if co.MRR == 0 || k >= len(co.Retained) {
			return 0, false
		}
		return float64(co.Retained[k]) / float64(co.MRR), true
	})
	if err != nil {
		return err
	}
	if us := b.s.Usage; len(us) > 0 {
		if _, err = b.cohortTable(g, row+2, "Share of signups using the product (any event), by month first seen", us, func(co figures.Cohort, k int) (float64, bool) {
			if co.Customers == 0 || k >= len(co.Paying) {
				return 0, false
			}
			return float64(co.Paying[k]) / float64(co.Customers), true
		}); err != nil {
			return err
		}
	}
	return b.f.SetPanes(sh, freezePanes(cohortsHeader+1, 1))
}

// cohortTable writes one heatmap and returns its last row. Each cohort
// has a cell for every month from its start to the review month.
func (b *book) cohortTable(g plain, row int, title string, cs []figures.Cohort, share func(figures.Cohort, int) (float64, bool)) (int, error) {
	n := len(b.s.Months)
	if err := g.row(row, txt(title, b.st.section)); err != nil {
		return row, err
	}
	row++
	head := []c{txt("Cohort", b.st.header), txt("Customers", b.st.headerRight), txt("Starting MRR", b.st.headerRight)}
	if cs[0].MRR == 0 && len(cs[0].Retained) == 0 {
		head[1], head[2] = txt("Signups", b.st.headerRight), txt("", b.st.headerRight)
	}
	for k := 0; k < n; k++ {
		head = append(head, txt(fmt.Sprintf("Month %d", k), b.st.headerRight))
	}
	if err := g.row(row, head...); err != nil {
		return row, err
	}
	first := row + 1
	for _, co := range cs {
		row++
		cells := []c{b.monthCell(co.Month), c{co.Customers, b.st.count}, b.money(co.MRR)}
		if co.MRR == 0 && len(co.Retained) == 0 {
			cells[2] = c{}
		}
		for k := 0; k < b.r.Month.Since(co.Month)+1 && k < n; k++ {
			if v, ok := share(co, k); ok {
				cells = append(cells, c{v, b.st.pct})
			} else {
				cells = append(cells, c{"—", b.st.dash})
			}
		}
		if err := g.row(row, cells...); err != nil {
			return row, err
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(3 + n)
	ref := fmt.Sprintf("D%d:%s%d", first, lastCol, row)
	err := b.f.SetConditionalFormat(g.sheet, ref, []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=", MinType: "num", MidType: "num", MaxType: "num",
		MinValue: "0.5", MidValue: "0.8", MaxValue: "1",
		MinColor: "#F8A5A5", MidColor: "#FDF4E1", MaxColor: "#B7E4C7",
	}})
	return row, err
}
