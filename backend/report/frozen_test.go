package report

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/review"
	"keel/backend/workspace"
)

// importLateTickets imports n more tickets created in February 2026, two
// days after the freeze, in a helpdesk export of their own.
func importLateTickets(t *testing.T, db *workspace.DB, n int) {
	t.Helper()
	db.Now = func() time.Time { return demoNow.Add(48 * time.Hour) }
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "late_tickets.csv", Source: "zendesk", Kind: "tickets",
		SHA256: strings.Repeat("cd", 32)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		created := time.Date(2026, 2, 10+i%15, 9, i, 0, 0, time.UTC)
		reply := int64(30 + i)
		if _, err := b.Put(&backend.Ticket{Source: "zendesk", ID: fmt.Sprintf("late-%d", i), RequesterEmail: fmt.Sprintf("late%d@example.com", i),
			Subject: "Found after the freeze", Status: "open", Priority: "urgent", Channel: "Chat", Assignee: "Late Agent",
			Created: created, FirstReplyMinutes: &reply}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{Read: n, Imported: n}); err != nil {
		t.Fatal(err)
	}
}

// TestFrozenReportKeepsItsTickets: tickets imported for a frozen month
// after the freeze change no sheet of its report; the restatement says
// how many tickets the month has now, and why.
func TestFrozenReportKeepsItsTickets(t *testing.T) {
	db := demoDB(t, demoNow)
	frozen, err := review.Freeze(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	was := *frozen.Figures.Last().Support.Tickets
	before, _ := export(t, db, "2026-02", Options{})
	importLateTickets(t, db, 31)
	after, _ := export(t, db, "2026-02", Options{})

	for _, sheet := range []string{SheetSupport, SheetTickets, SheetUsers} {
		if a, b := rows(t, before, sheet), rows(t, after, sheet); !reflect.DeepEqual(a, b) {
			t.Errorf("the frozen %s sheet changed after an import: %d rows, then %d", sheet, len(a), len(b))
		}
	}
	if got := len(rows(t, after, SheetTickets)) - ticketsHeader; int64(got) != was {
		t.Errorf("%d tickets listed, the frozen review counted %d", got, was)
	}
	if s := text(t, after, SheetTickets); strings.Contains(s, "Found after the freeze") || strings.Contains(s, "Late Agent") {
		t.Error("a ticket imported after the freeze is listed")
	}
	// The restatement lists the difference, caused by the import.
	summary := rows(t, after, SheetSummary)
	found := false
	for _, r := range summary {
		if len(r) >= 6 && r[0] == "Tickets" && r[1] == "Feb 2026" {
			found = true
			if r[2] != fmt.Sprint(was) || r[3] != fmt.Sprint(was+31) || !strings.Contains(r[5], "late_tickets.csv") {
				t.Errorf("restated tickets: %v", r)
			}
		}
	}
	if !found {
		t.Errorf("the restatement does not list February's tickets:\n%s", text(t, after, SheetSummary))
	}
	// A review not frozen reads the tables as they are now.
	if err := review.SaveNotes(db, mo("2026-01"), "open"); err != nil {
		t.Fatal(err)
	}
	jan, _ := export(t, db, "2026-01", Options{})
	if s := text(t, jan, SheetTickets); strings.Contains(s, "Found after the freeze") {
		t.Error("January lists February's tickets")
	}
}
