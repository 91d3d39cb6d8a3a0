package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/importers/mapped"
)

// A flag tool's list (here LaunchDarkly's) imports like any export:
// detected, one row per flag, undone with its import.
func TestFlagListImportsAndUndoes(t *testing.T) {
	db := newDB(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "importers", "flags", "testdata", "launchdarkly_flags.json"))
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(context.Background(), db, Request{Path: write(t, "flags.json", data)}, nil)
	if rep.Err != nil || rep.Source != "launchdarkly" || rep.Kind != "flags" || rep.Imported != 3 {
		t.Fatalf("import: %s/%s %+v %v", rep.Source, rep.Kind, rep.Counts, rep.Err)
	}
	fs, _ := db.Flags()
	if len(fs) != 3 {
		t.Fatalf("%d flags", len(fs))
	}
	if err := db.Undo(rep.ImportID); err != nil {
		t.Fatal(err)
	}
	if fs, _ := db.Flags(); len(fs) != 0 {
		t.Errorf("after undo: %d flags", len(fs))
	}
}

// A flag spreadsheet goes through the mapper; one with a column the
// mapping does not map is refused with the column named, and nothing is
// imported.
func TestFlagSpreadsheetThroughTheMapper(t *testing.T) {
	db := newDB(t)
	header := []string{"Flag", "Owner", "Status", "Rollout %", "Remove by"}
	_, err := mapped.Save(db, mapped.Mapping{Name: "Flag sheet", Kind: "flags", Source: "sheet", Header: header,
		Columns: map[string]string{"key": "Flag", "owner": "Owner", "state": "Status", "percentage": "Rollout %", "cleanup_due": "Remove by"}})
	if err != nil {
		t.Fatal(err)
	}
	good := "Flag,Owner,Status,Rollout %,Remove by\nnew-invoices,Maya,on,25,2025-04-01\nsso,Jonas,off,,\n"
	rep := Run(context.Background(), db, Request{Path: write(t, "flags.csv", []byte(good))}, nil)
	if rep.Err != nil || rep.Imported != 2 || rep.Kind != "flags" {
		t.Fatalf("import: %+v %v", rep.Counts, rep.Err)
	}
	fs, _ := db.Flags()
	if len(fs) != 2 || fs[0].FlagKey != "new-invoices" || fs[0].State != "percentage" || *fs[0].Percentage != 2500 || fs[0].CleanupDue == nil {
		t.Fatalf("flags %+v", fs)
	}
	// Same header plus a column: another signature, so name the mapping.
	extra := "Flag,Owner,Status,Rollout %,Remove by,Jira\nbeta,Ana,on,,,KEEL-12\n"
	bad := Run(context.Background(), db, Request{Path: write(t, "flags2.csv", []byte(extra)), Mapping: "Flag sheet"}, nil)
	if bad.Err == nil || !strings.Contains(bad.Err.Error(), `"Jira"`) || !strings.Contains(bad.Err.Error(), "nothing was imported") {
		t.Fatalf("unknown column: %v", bad.Err)
	}
	if fs, _ := db.Flags(); len(fs) != 2 {
		t.Errorf("after the refused file: %d flags", len(fs))
	}
}
