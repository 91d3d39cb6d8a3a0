package review

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDumpDemo(t *testing.T) {
	db := demoDB(t, demoNow)
	r, err := Get(db, "2026-02")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(r, "", "  ")
	os.WriteFile("/tmp/review.json", b, 0o644)
}
