package report

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestPrintRule(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h float64
		want printing
	}{
		{"fits already", 700, 480, printing{1, 1, false}},
		{"a little over: one page tall", 700, 600, printing{1, landscape.h / 600, true}},
		{"wide, fits at its width's scale", 1400, 850, printing{1, landscape.w / 1400, false}},
		{"wide, a little over at its width's scale", 1100, 740, printing{1, landscape.h / 740, true}},
		{"three pages at full scale, two at 78 %", 700, 1320, printing{2, 2 * landscape.h / 1320, true}},
		{"two pages at full scale, as many at 64 %", 500, 1000, printing{2, 1, false}},
	} {
		got := prints(landscape, c.w, c.h)
		if got.pages != c.want.pages || got.fitted != c.want.fitted || math.Abs(got.scale-c.want.scale) > 1e-9 {
			t.Errorf("%s (%v × %v pt): %+v, want %+v", c.name, c.w, c.h, got, c.want)
		}
	}
	// Portrait when it prints fewer pages at a readable scale, or as many
	// larger; landscape otherwise.
	for _, c := range []struct {
		name string
		w, h float64
		want bool
	}{
		{"narrow and long", 670, 1960, true},
		{"narrow, one page either way, larger in portrait", 500, 700, true},
		{"wide", 950, 800, false},
		{"fits a landscape page", 700, 480, false},
	} {
		if got := prints(portrait, c.w, c.h).better(prints(landscape, c.w, c.h)); got != c.want {
			t.Errorf("%s (%v × %v pt): portrait %v, want %v", c.name, c.w, c.h, got, c.want)
		}
	}
}

// lines wraps a text as LibreOffice printed it with Carlito: the
// Definitions sheet's 110-wide column broke these lines after the first
// part, and a 36-wide one put "Scale" on a second line.
func TestLinesWrapsAsPrinted(t *testing.T) {
	for _, c := range []struct {
		first, rest string
		chars       float64
	}{
		{"Σ succeeded payments (status Paid or Refunded) created in the month, in the base currency: the payment's own converted amount,",
			"else its amount at the month's rate.", 110},
		{"Nearest-rank median over tickets created in the month with a first reply: the export's calendar-time first-reply column, else first reply",
			"− created.", 110},
		{"Offer SAML SSO on Growth, not only on", "Scale", 36},
	} {
		if n := lines(c.first, c.chars); n != 1 {
			t.Errorf("%q: %d lines, want 1", c.first, n)
		}
		if n := lines(c.first+" "+c.rest, c.chars); n != 2 {
			t.Errorf("%q + %q: %d lines, want 2", c.first, c.rest, n)
		}
	}
	if n := lines("one\ntwo", 40); n != 2 {
		t.Errorf("two paragraphs: %d lines", n)
	}
	if n := lines(strings.Repeat("x", 100), 20); n != 5 { // 100 × 0.92 / 19
		t.Errorf("a word nearly five times the cell's width: %d lines, want 5", n)
	}
}

// printArea is the sheet's print area, "" without one.
func printAreaOf(f *excelize.File, sheet string) string {
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Area" && d.Scope == sheet {
			return d.RefersTo
		}
	}
	return ""
}

// Printed, the month's long listings are their first page, and the sheet
// says what follows on screen; a sheet a little over a page is one page.
func TestLongListingsPrintTheirFirstPage(t *testing.T) {
	db := demoDB(t, demoNow)
	richReview(t, db)
	f, _ := export(t, db, "2026-02", Options{})
	tickets := rows(t, f, SheetTickets)
	n := len(tickets) - ticketsHeader
	if n <= printedTickets {
		t.Fatalf("%d tickets in February: the demo no longer tests the rule", n)
	}
	if want := fmt.Sprintf("'%s'!$A$1:$M$%d", SheetTickets, ticketsHeader+printedTickets); printAreaOf(f, SheetTickets) != want {
		t.Errorf("Tickets print area %q, want %q", printAreaOf(f, SheetTickets), want)
	}
	if want := fmt.Sprintf("Printed: the first %d of the %d tickets", printedTickets, n); !strings.HasPrefix(tickets[2][0], want) {
		t.Errorf("Tickets row 3 %q, want %q…", tickets[2][0], want)
	}
	fb := rows(t, f, SheetFeedback)
	told := -1
	for i, r := range fb {
		if len(r) > 0 && strings.HasPrefix(r[0], "People told in February 2026") {
			told = i + 1 // the section's title row, counted from 1
		}
	}
	if told < 0 {
		t.Fatal("no people told section")
	}
	listed := len(fb) - told - 1
	if area := printAreaOf(f, SheetFeedback); listed > printedTold {
		if want := fmt.Sprintf("'%s'!$A$1:$H$%d", SheetFeedback, told+1+printedTold); area != want {
			t.Errorf("Feedback print area %q, want %q (%d told)", area, want, listed)
		}
	} else if area != "" {
		t.Errorf("Feedback print area %q with %d told", area, listed)
	}
	if listed <= printedTold {
		t.Logf("only %d told", listed)
	}
	var ws excelize.PageLayoutOptions
	ws, err := f.GetPageLayout(SheetUsers)
	if err != nil || ws.FitToHeight == nil || *ws.FitToHeight != 1 {
		t.Errorf("the Users sheet (a little over a page) is not fitted to one page: %+v %v", ws.FitToHeight, err)
	}
}

// Printed, Operations (narrow and long) is portrait on fewer pages; Revenue
// keeps its page break before the customers chart, at a set scale (a
// sheet fitted to pages would ignore it), each part on a page.
func TestOrientationAndPageBreaks(t *testing.T) {
	db := demoDB(t, demoNow)
	richReview(t, db)
	f, book := export(t, db, "2026-02", Options{})
	ops, err := f.GetPageLayout(SheetOperations)
	if err != nil || ops.Orientation == nil || *ops.Orientation != "portrait" {
		t.Errorf("Operations orientation %v (%v), want portrait", ops.Orientation, err)
	}
	rev, err := f.GetPageLayout(SheetRevenue)
	if err != nil || rev.Orientation == nil || *rev.Orientation != "landscape" || rev.AdjustTo == nil || *rev.AdjustTo < 64 || *rev.AdjustTo >= 100 {
		t.Fatalf("Revenue prints at %v %v (%v), want landscape at 64–99 %%", rev.Orientation, rev.AdjustTo, err)
	}
	props, err := f.GetSheetProps(SheetRevenue)
	if err != nil || props.FitToPage == nil || *props.FitToPage {
		t.Errorf("Revenue is fitted to pages: its page break would be ignored (%v)", err)
	}
	// At that scale, the part above the break fits a landscape page.
	var top float64
	for r := 1; r < pageBreakRow(t, book, SheetRevenue); r++ {
		top += rowHeight(f, SheetRevenue, r)
	}
	if top*float64(*rev.AdjustTo)/100 > landscape.h {
		t.Errorf("Revenue's first part is %.0f pt tall at %d %%: over a page", top, *rev.AdjustTo)
	}
}

// pageBreakRow is the row before which the sheet's first page break is
// (a row break's id is the last row above it).
func pageBreakRow(t *testing.T, book []byte, sheet string) int {
	t.Helper()
	i := slices.Index(Sheets, sheet)
	m := regexp.MustCompile(`<rowBreaks[^>]*><brk id="(\d+)"`).FindStringSubmatch(parts(t, book)[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])
	if m == nil {
		t.Fatalf("%s has no page break", sheet)
	}
	n, _ := strconv.Atoi(m[1])
	return n + 1
}
