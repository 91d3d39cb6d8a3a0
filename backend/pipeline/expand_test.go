package pipeline

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	// Each member was read from the archive: its own digest, its own size.
	if reps[0].Path != zpath || reps[0].SHA256 == reps[1].SHA256 || reps[0].Size == reps[1].Size {
		t.Errorf("members: %+v / %+v", reps[0], reps[1])
	}
	b, _ := os.ReadFile(filepath.Join(dir, "customers_export.csv"))
	if want := sha256.Sum256(b); reps[0].SHA256 != hex.EncodeToString(want[:]) || reps[0].Size != int64(len(b)) {
		t.Errorf("customers: sha256 %s size %d, want the member's", reps[0].SHA256, reps[0].Size)
	}
	// A plain file passes through untouched.
	reqs, err := expand(Request{Path: filepath.Join(dir, "customers_export.csv")})
	if err != nil || len(reqs) != 1 || reqs[0].Member != "" {
		t.Errorf("plain file: %v %v", reqs, err)
	}
}
