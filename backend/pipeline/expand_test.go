package pipeline

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Chargebee download is a ZIP of one CSV per object: each member becomes
// its own import, customers first, named after the archive.
func TestMixedZipImportsEachMember(t *testing.T) {
	db := newDB(t)
	dir := "../../importers/chargebee/testdata"
	zpath := filepath.Join(t.TempDir(), "chargebee_export.zip")
	f, _ := os.Create(zpath)
	zw := zip.NewWriter(f)
	for _, name := range []string{"invoices_export.csv", "customers_export.csv", "payments_transactions_export.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create("export/" + name)
		w.Write(b)
	}
	zw.Close()
	f.Close()

	reps := RunAll(context.Background(), db, []Request{{Path: zpath}}, nil)
	if len(reps) != 3 {
		t.Fatalf("%d reports", len(reps))
	}
	if reps[0].Kind != "customers" {
		t.Errorf("first member imported = %s, want customers", reps[0].Kind)
	}
	kinds := map[string]bool{}
	for _, r := range reps {
		if r.Err != nil || r.Imported == 0 {
			t.Errorf("%s: %+v %v", r.File, r.Counts, r.Err)
		}
		if !strings.HasPrefix(r.File, "chargebee_export.zip › ") {
			t.Errorf("file = %q", r.File)
		}
		kinds[r.Kind] = true
	}
	if len(kinds) != 3 {
		t.Errorf("kinds = %v", kinds)
	}
	hist, _ := db.History()
	if len(hist) != 3 || !strings.Contains(hist[0].Path, "chargebee_export.zip › ") {
		t.Errorf("history = %+v", hist)
	}
	// The extracted files are gone.
	for _, r := range reps {
		if _, err := os.Stat(r.Path); !os.IsNotExist(err) {
			t.Errorf("left behind: %s", r.Path)
		}
	}
	// A plain file passes through untouched.
	paths, cleanup, err := Expand(filepath.Join(dir, "customers_export.csv"))
	cleanup()
	if err != nil || len(paths) != 1 {
		t.Errorf("plain file: %v %v", paths, err)
	}
}
