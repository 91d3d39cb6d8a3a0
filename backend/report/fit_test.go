package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestOnePageRule(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h float64
		want bool
	}{
		{"fits already", 700, 480, false},
		{"a little over", 700, 600, true},
		{"wide, fits at its width's scale", 1400, 850, false},
		{"wide, a little over at its width's scale", 1100, 740, true},
		{"two pages and more", 900, 1300, false},
		{"long at full scale", 500, 900, false},
	} {
		if got := onePage(c.w, c.h); got != c.want {
			t.Errorf("%s (%v × %v pt): onePage %v, want %v", c.name, c.w, c.h, got, c.want)
		}
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
