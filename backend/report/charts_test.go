package report

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// chartOf is the XML of the report's chart titled title ("" if none).
func chartOf(p map[string]string, title string) string {
	for name, body := range p {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.Contains(body, title) {
			return body
		}
	}
	return ""
}

// The Support and Users sheets have native charts, as Revenue and Costs
// do: each series reads a hidden copy of its table column in which a
// month shown as "—" is blank, so a missing month is a gap, never a 0.
func TestSupportAndUsersCharts(t *testing.T) {
	db := demoDB(t, demoNow)
	f, b := export(t, db, "2026-02", Options{})
	p := parts(t, b)
	for _, c := range []struct {
		sheet, title string
		wants        []string
	}{
		{SheetSupport, "Tickets, and tickets per active account", []string{"<barChart>", "<lineChart>", "Support&#39;!$M$5:$M$16", "Support&#39;!$B$4"}},
		{SheetSupport, "Reply and resolution (p50 solid, p90 dashed)", []string{"<lineChart>", `prstDash val="dash"`, "Support&#39;!$D$4"}},
		{SheetUsers, "Signups", []string{"<barChart>", "Users&#39;!$I$5:$I$16"}}, // the demo has no activation: no rate drawn
	} {
		chart := chartOf(p, c.title)
		if chart == "" {
			t.Errorf("%s: no chart %q", c.sheet, c.title)
			continue
		}
		for _, want := range append(c.wants, `dispBlanksAs val="gap"`, `formatCode="`+monthFmt+`"`) {
			if !strings.Contains(chart, want) {
				t.Errorf("%s chart %q lacks %s", c.sheet, c.title, want)
			}
		}
	}
	// The hidden copies: the table's number, or blank for "—"; hidden.
	for _, c := range []struct {
		sheet          string
		first, table   int
		hidden, header int
	}{
		{SheetSupport, supportHeader + 1, 2, len(supportCols) + 3, supportHeader},
		{SheetSupport, supportHeader + 1, 4, len(supportCols) + 5, supportHeader},
		{SheetUsers, usersHeader + 1, 2, len(usersCols) + 4, usersHeader},
		{SheetUsers, usersHeader + 1, 3, len(usersCols) + 5, usersHeader}, // the demo has no activation: all "—"
	} {
		col, _ := excelize.ColumnNumberToName(c.hidden)
		if visible, err := f.GetColVisible(c.sheet, col); err != nil || visible {
			t.Errorf("%s column %s is visible (%v)", c.sheet, col, err)
		}
		dashes := 0
		for m := 0; m < 12; m++ {
			shown, copied := raw(t, f, c.sheet, cell(c.table, c.first+m)), raw(t, f, c.sheet, cell(c.hidden, c.first+m))
			if shown == "—" {
				dashes++
				if copied != "" {
					t.Errorf("%s %s: the table shows — and the chart reads %q", c.sheet, cell(c.hidden, c.first+m), copied)
				}
			} else if shown != copied {
				t.Errorf("%s %s: the table shows %q and the chart reads %q", c.sheet, cell(c.hidden, c.first+m), shown, copied)
			}
		}
		t.Logf("%s column %d: %d months missing", c.sheet, c.table, dashes)
	}
}

// The Revenue charts read hidden copies of the table's rows, as the
// Support and Users charts read hidden copies of their columns.
func TestRevenueChartsReadHiddenCopies(t *testing.T) {
	db := demoDB(t, demoNow)
	f, b := export(t, db, "2026-02", Options{})
	for _, key := range revenueCharted {
		src, dst := 0, chartRowOf(key)
		for i, rr := range revenueRows {
			if rr.f != nil && rr.f.Key == key {
				src = revenueHeader + 1 + i
			}
		}
		if visible, err := f.GetRowVisible(SheetRevenue, dst); err != nil || visible {
			t.Errorf("the chart copy of %s (row %d) is visible", key, dst)
		}
		for m := 0; m < 12; m++ {
			if shown, copied := raw(t, f, SheetRevenue, cell(m+2, src)), raw(t, f, SheetRevenue, cell(m+2, dst)); shown != copied {
				t.Errorf("%s %s: the table shows %q and the chart reads %q", key, cell(m+2, dst), shown, copied)
			}
		}
	}
	mrr := chartOf(parts(t, b), "MRR and its monthly movements")
	if want := "Revenue&#39;!$B$" + itoa(chartRowOf("revenue.mrr")); !strings.Contains(mrr, want) {
		t.Errorf("the MRR chart does not read its copy %s", want)
	}
}

// copyNumbers leaves a cell that shows "—" (or nothing) blank: a gap in
// the chart, never a 0.
func TestChartCopiesLeaveMissingOut(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	for i, v := range []any{12.5, "—", nil, int64(3)} {
		if v != nil {
			f.SetCellValue("Sheet1", cell(1, i+1), v)
		}
	}
	n, err := b.copyNumbers("Sheet1", 4, func(i int) string { return cell(1, i+1) }, func(i int) string { return cell(2, i+1) })
	if err != nil || n != 2 {
		t.Fatalf("%d copied, %v", n, err)
	}
	for i, want := range []string{"12.5", "", "", "3"} {
		if got := raw(t, f, "Sheet1", cell(2, i+1)); got != want {
			t.Errorf("B%d = %q, want %q", i+1, got, want)
		}
	}
}
