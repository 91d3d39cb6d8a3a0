package buymeacoffee

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

const realSample = "buymeacoffee/Supporters_list_2026-02-14.csv"

// TestRealGolden imports the real supporters export and compares a
// summary with testdata/real_Supporters_list.golden.
func TestRealGolden(t *testing.T) {
	importertest.NeedReal(t)
	got, res := importertest.ImportFile(t, filepath.Join(importertest.RealDir, realSample), source, "payments", true)
	importertest.Golden(t, "real_Supporters_list.golden", got)

	// Hand-checked against the raw file: 6 supports of 1 coffee at 5.00
	// USD, newest first; rows 4 and 5 are anonymous ("Someone").
	if len(res.Records) != 6 || len(res.Rejected) != 0 {
		t.Fatalf("records %d rejected %v, want 6 and none", len(res.Records), res.Rejected)
	}
	var total int64
	for _, r := range res.Records {
		total += r.(*backend.Payment).Amount
	}
	if total != 3000 {
		t.Errorf("total %d, want 3000 (6 × 5.00 USD)", total)
	}
	first := res.Records[0].(*backend.Payment)
	if first.CustomerEmail != "user_3391db1f@example.com" || first.Amount != 500 || first.Currency != "usd" ||
		!first.Created.Equal(time.Date(2025, 8, 29, 0, 0, 0, 0, time.UTC)) || first.Status != "paid" ||
		first.Attrs["supporter_name"] != "Redacted 74ba63c9" || first.Attrs["anonymous"] != "" {
		t.Errorf("first support: %+v", first)
	}
	anon := res.Records[3].(*backend.Payment)
	if anon.Attrs["anonymous"] != "true" || anon.Attrs["supporter_name"] != "" || anon.CustomerEmail != "user_d1aa4c8d@example.com" {
		t.Errorf("anonymous support: %+v", anon)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		header string
		want   float64
	}{
		{`"Supporter Email","Supporter Name","Coffee Count","Coffee Price","Support Currency","Supported On"`, 0.95},
		{"Coffee Count,Coffee Price,Support Currency,Supported On", 0.9},
		{"Supporter Email,Supporter Name,Amount,Currency,Date", 0},
		{"id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),Source Type,Destination,Status,Type,Method,Description", 0},
	}
	for _, tt := range tests {
		h := importertest.Header(tt.header)
		if got := (supporters{}).Detect(h); got != tt.want {
			t.Errorf("%s: %.2f, want %.2f", tt.header, got, tt.want)
		}
	}
}

func TestBindMissing(t *testing.T) {
	_, err := supporters{}.Bind(importertest.Header("Supporter Email,Supporter Name,Coffee Count,Support Currency"), importers.Options{})
	want := `this is not a Buy Me a Coffee supporters export: the columns "Coffee Price" and "Supported On" are missing`
	if err == nil || err.Error() != want || backend.ErrorCode(err) != backend.Invalid {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestKeys checks that keys are stable across imports and files, tell
// identical supports on one day apart, and do not depend on the name.
func TestKeys(t *testing.T) {
	h, rows := importertest.ReadCSV(t, "testdata/payments_supporters.csv")
	a := importertest.Run(t, h, rows, source, "payments", importers.Options{})
	b := importertest.Run(t, h, rows, source, "payments", importers.Options{})
	for i := range a.Records {
		if a.Records[i].Key() != b.Records[i].Key() {
			t.Fatalf("record %d: key %q then %q", i, a.Records[i].Key(), b.Records[i].Key())
		}
		if p := a.Records[i].(*backend.Payment); p.ID != p.RowKey || !strings.HasPrefix(p.ID, "bmc:") {
			t.Errorf("record %d: id %q key %q", i, p.ID, p.RowKey)
		}
	}
	// Rows 3 and 4 are the same anonymous coffee twice on one day.
	k3, k4 := a.Records[2].Key(), a.Records[3].Key()
	if k4 != k3+"#2" {
		t.Errorf("identical rows: %q and %q", k3, k4)
	}
	// A later export lists the same supports with a new one on top, and
	// the supporter has since named herself: the keys stay.
	later := csvfile.NewHeader("Supporter Email", "Supporter Name", "Coffee Count", "Coffee Price", "Support Currency", "Supported On")
	newRows := []csvfile.Row{
		csvfile.NewRow(later, 2, "new@example.com", "New", "1", "5.00", "USD", "2025-09-20"),
		csvfile.NewRow(later, 3, "mila@kovacs.example", "Mila K.", "3", "5.00", "USD", "2025-09-14"),
	}
	c := importertest.Run(t, later, newRows, source, "payments", importers.Options{})
	if c.Records[1].Key() != a.Records[0].Key() {
		t.Errorf("key changed with the name: %q vs %q", c.Records[1].Key(), a.Records[0].Key())
	}
}

func TestLocation(t *testing.T) {
	h, rows := importertest.ReadCSV(t, "testdata/payments_supporters.csv")
	auckland, err := time.LoadLocation("Pacific/Auckland")
	if err != nil {
		t.Skip(err)
	}
	res := importertest.Run(t, h, rows, source, "payments", importers.Options{Location: auckland})
	// 2025-09-14 00:00 in Auckland (NZST, +12) is 2025-09-13 12:00 UTC.
	if got := res.Records[0].(*backend.Payment).Created; !got.Equal(time.Date(2025, 9, 13, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("created %v", got)
	}
}
