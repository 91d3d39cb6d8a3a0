package posthog

import (
	"os"
	"path/filepath"
	"testing"

	"keel/importers/csvfile"
)

// TestDetectRealStripe checks that no real Stripe export is claimed.
func TestDetectRealStripe(t *testing.T) {
	dir := filepath.Join("../../../shared/fixtures/real", "stripe")
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		t.Skipf("%s not found", dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Stripe samples in %s (%v)", dir, err)
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := csvfile.Open(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got := (Events{}).Detect(r.Header()); got != 0 {
			t.Errorf("%s: Detect = %v, want 0", path, got)
		}
	}
}
