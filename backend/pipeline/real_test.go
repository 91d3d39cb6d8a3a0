package pipeline

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

const realDir = "../../../shared/fixtures/real"

// TestRealExportsImport runs every real export in shared/fixtures/real
// through the whole pipeline into a workspace: detected kind, counts, rows
// stored, and a second import of the same file adding nothing. The golden
// file was checked by hand against the raw files.
func TestRealExportsImport(t *testing.T) {
	if _, err := os.Stat(realDir); err != nil {
		t.Skip("no real fixtures beside the repository")
	}
	var files []string
	filepath.Walk(realDir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".csv") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) < 20 {
		t.Fatalf("only %d real files found", len(files))
	}
	var b strings.Builder
	for _, f := range files {
		db := newDB(t)
		rel, _ := filepath.Rel(realDir, f)
		rep := Run(context.Background(), db, Request{Path: f}, nil)
		if rep.Err != nil {
			fmt.Fprintf(&b, "%s: REFUSED %v\n", rel, rep.Err)
			continue
		}
		stored := 0
		for _, tbl := range []string{"customers", "subscriptions", "invoices", "payments", "tickets", "events", "traffic", "balance", "payouts"} {
			var n int
			db.SQL().QueryRow("SELECT COUNT(*) FROM "+tbl+" WHERE import_id = ?", rep.ImportID).Scan(&n)
			stored += n
		}
		fmt.Fprintf(&b, "%s: %s/%s read=%d imported=%d updated=%d duplicates=%d rejected=%d skipped=%d stored=%d\n",
			rel, rep.Source, rep.Kind, rep.Read, rep.Imported, rep.Updated, rep.Duplicates, rep.Rejected, rep.Skipped, stored)
		for _, r := range rep.Rejects {
			fmt.Fprintf(&b, "  line %d: %s\n", r.Line, r.Reason)
		}
		for _, n := range rep.Notes {
			fmt.Fprintf(&b, "  note: %s\n", n)
		}
		again := Run(context.Background(), db, Request{Path: f}, nil)
		if again.Err != nil || again.Imported != 0 || again.Updated != 0 || again.Duplicates != rep.Imported+rep.Updated+rep.Duplicates {
			t.Errorf("%s imported twice: %+v %v", rel, again.Counts, again.Err)
		}
	}
	golden := filepath.Join("testdata", "real_exports.golden")
	if *update {
		os.WriteFile(golden, []byte(b.String()), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("real exports differ from %s (run with -update after checking):\n%s", golden, b.String())
	}
}
