package workspace

import (
	"context"
	"testing"
	"time"

	"keel/backend"
)

func TestManualWorkLoggedAndImported(t *testing.T) {
	db := MustCreate(t)
	at := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	e, err := db.AddManualWork(backend.ManualWork{At: at, Account: "acc_1", Type: "data_fix", Minutes: 25, Note: "Merged duplicates"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Source != ManualSource || e.ImportID != nil || e.Minutes != 25 || !e.At.Equal(at) {
		t.Fatalf("logged %+v", e)
	}
	e.Minutes, e.Note = 40, "Merged duplicates, twice"
	if e, err = db.UpdateManualWork(e.Key, e.ManualWork); err != nil || e.Minutes != 40 {
		t.Fatalf("update: %+v %v", e, err)
	}
	// An imported intervention belongs to its import.
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "manual.csv", Source: "keel", Kind: "manual work"})
	if err != nil {
		t.Fatal(err)
	}
	imported := &backend.ManualWork{Source: "keel", ID: "row-1", At: at.AddDate(0, 0, 1), Account: "ops@acme.example", Type: "refund", Minutes: 10}
	if _, err := b.Put(imported); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(Counts{Read: 1, Imported: 1}); err != nil {
		t.Fatal(err)
	}
	list, err := db.ManualWork(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}
	if list[1].ImportID == nil || list[1].Account != "ops@acme.example" {
		t.Fatalf("imported entry: %+v", list[1])
	}
	if _, err := db.UpdateManualWork(list[1].Key, list[1].ManualWork); backend.ErrorCode(err) != backend.Conflict {
		t.Fatalf("changing an imported entry: %v, want a conflict", err)
	}
	if err := db.DeleteManualWork(list[1].Key); backend.ErrorCode(err) != backend.Conflict {
		t.Fatalf("deleting an imported entry: %v, want a conflict", err)
	}
	// Undoing the import removes its entry, not the logged one.
	if err := db.Undo(b.ID()); err != nil {
		t.Fatal(err)
	}
	if list, _ = db.ManualWork(time.Time{}, at.AddDate(1, 0, 0)); len(list) != 1 || list[0].Key != e.Key {
		t.Fatalf("after undo: %+v", list)
	}
	if err := db.DeleteManualWork(e.Key); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ManualEntry(e.Key); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("after delete: %v", err)
	}
	// Logged entries are not an imported source on Home.
	db.AddManualWork(backend.ManualWork{At: at, Account: "acc_1", Type: "other", Minutes: 5})
	srcs, err := db.Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.Kind == "manual_work" || s.Source == ManualSource {
			t.Errorf("a logged intervention shows as imported data: %+v", s)
		}
	}
}
