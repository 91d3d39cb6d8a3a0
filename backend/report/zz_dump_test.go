package report

import (
	"os"
	"testing"
)

func TestDumpReport(t *testing.T) {
	db := demoDB(t, demoNow)
	f, _ := os.Create("/tmp/report.xlsx")
	defer f.Close()
	if err := Write(db, "2026-02", f, Options{}); err != nil {
		t.Fatal(err)
	}
}
