package workspace

import (
	"slices"
	"strings"
	"testing"

	"keel/backend"
)

func TestRatesTable(t *testing.T) {
	db := MustCreate(t)
	for _, r := range [][3]string{{"EUR", "2025-03", "1.0834"}, {"jpy", "2025-01", "0,0067"}, {"eur", "2025-03", "1.09"}} {
		if err := db.SetRate(r[0], r[1], r[2]); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Rates()
	want := []Rate{{"eur", "2025-03", "1.09"}, {"jpy", "2025-01", "0.0067"}}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("rates = %v, %v", got, err)
	}
	bad := []struct{ cur, month, rate, msg string }{
		{"XYZ", "2025-03", "1", "not a currency code"},
		{"eur", "March", "1", "not a month"},
		{"eur", "2025-13", "1", "not a month"},
		{"eur", "2025-03", "abc", "like 1.0834"},
		{"eur", "2025-03", "1/2", "like 1.0834"},
		{"eur", "2025-03", "-1", "like 1.0834"},
		{"eur", "2025-03", "0", "more than zero"},
	}
	for _, b := range bad {
		err := db.SetRate(b.cur, b.month, b.rate)
		if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("SetRate(%q, %q, %q) = %v, want %q", b.cur, b.month, b.rate, err, b.msg)
		}
	}
	if err := db.DeleteRate("EUR", "2025-03"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteRate("eur", "2025-03"); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("deleting twice: %v", err)
	}
	if got, _ := db.Rates(); len(got) != 1 {
		t.Errorf("rates after delete = %v", got)
	}
}
