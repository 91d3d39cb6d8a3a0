package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// Defect 10 (issue 16): an older export imported after a newer one keeps
// the newer state of each row (a refund that happened does not un-happen)
// and says how many rows it left; the data decides, not the import order.
func TestOlderExportKeepsTheNewerRows(t *testing.T) {
	paid := func(id, desc string) string {
		return fmt.Sprintf("%s,2026-01-05 10:00:00,29.00,0.00,usd,true,29.00,0.00,usd,,%s,0.50,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_1,,a@example.com,in_1,\n", id, desc)
	}
	refunded := func(id, desc string) string {
		return fmt.Sprintf("%s,2026-01-05 10:00:00,29.00,29.00,usd,true,29.00,29.00,usd,,%s,0.50,2026-02-03 09:00:00,KEEL,Refunded,Payment complete.,0.00,pm_1,cus_1,,a@example.com,in_1,\n", id, desc)
	}
	var older, newer strings.Builder
	older.WriteString(payHeader)
	newer.WriteString(payHeader)
	for i := range 5 {
		id := fmt.Sprintf("ch_r%d", i)
		older.WriteString(paid(id, "Sub"))
		newer.WriteString(refunded(id, "Sub"))
	}
	// A change no signal orders (the description): the file imported last
	// wins, as before.
	older.WriteString(paid("ch_desc", "Old words"))
	newer.WriteString(paid("ch_desc", "New words"))
	older.WriteString(paid("ch_r0", "Sub")) // a line twice: older twice
	sum := func(t *testing.T, ctx string, dbq func(string) int64, want int64) {
		t.Helper()
		if got := dbq("SELECT coalesce(sum(refunded), 0) FROM payments"); got != want {
			t.Errorf("%s: refunded %d, want %d", ctx, got, want)
		}
	}

	db := newDB(t)
	q := func(query string) int64 {
		var n int64
		if err := db.SQL().QueryRow(query).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if rep := Run(context.Background(), db, Request{Path: write(t, "newer.csv", []byte(newer.String()))}, nil); rep.Err != nil || rep.Imported != 6 {
		t.Fatalf("newer: %+v", rep)
	}
	rep := Run(context.Background(), db, Request{Path: write(t, "older.csv", []byte(older.String()))}, nil)
	if rep.Err != nil || rep.Older != 6 || rep.Updated != 1 || rep.Imported != 0 || rep.Duplicates != 0 {
		t.Errorf("older after newer: %+v %v", rep.Counts, rep.Err)
	}
	sum(t, "older after newer", q, 5*2900)
	if got := q("SELECT count(*) FROM payments WHERE refunded_at IS NOT NULL"); got != 5 {
		t.Errorf("older after newer: %d payments still refunded, want 5", got)
	}
	if got := q("SELECT count(*) FROM payments WHERE description = 'Old words'"); got != 1 {
		t.Error("a change the data does not order: the file imported last does not win")
	}
	h, err := db.History()
	if err != nil || h[0].Older != 6 {
		t.Errorf("history: %+v %v", h, err)
	}
	// Undo: the newer import waits for the older one, whose undo leaves the
	// rows it found newer as they are and puts back the one it changed.
	if err := db.Undo(1); err == nil || err.Error() != "older.csv (import 2) changed rows that came from newer.csv. Undo that import first." {
		t.Errorf("undo the newer import first: %v", err)
	}
	if err := db.Undo(2); err != nil {
		t.Fatal(err)
	}
	sum(t, "older undone", q, 5*2900)
	if got := q("SELECT count(*) FROM payments WHERE description = 'New words'"); got != 1 {
		t.Error("the row the older import changed is not back")
	}
	if err := db.Undo(1); err != nil || q("SELECT count(*) FROM payments") != 0 {
		t.Errorf("undo the newer import: %v, %d payments left", err, q("SELECT count(*) FROM payments"))
	}

	// In the other order the newer file updates them, as always.
	db = newDB(t)
	for _, f := range []struct {
		name, data string
		updated    int
	}{{"older.csv", older.String(), 0}, {"newer.csv", newer.String(), 6}} {
		rep := Run(context.Background(), db, Request{Path: write(t, f.name, []byte(f.data))}, nil)
		if rep.Err != nil || rep.Updated != f.updated || rep.Older != 0 {
			t.Errorf("%s: %+v %v", f.name, rep.Counts, rep.Err)
		}
	}
	sum(t, "newer after older", q, 5*2900)
}
