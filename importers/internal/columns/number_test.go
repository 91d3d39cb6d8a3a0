package columns

import (
	"strings"
	"testing"

	"keel/importers/csvfile"
)

func TestDecimalComma(t *testing.T) {
	tests := []struct {
		in          string
		comma, sure bool
	}{
		{"15.00", false, true},
		{"27600.00", false, true},
		{"1500", false, false},
		{"9,99", true, true},
		{"1,5", true, true},
		{"1.234,56", true, true},
		{"1,234.56", false, true},
		{"1,234,567", false, true},
		{"1.234.567", true, true},
		{"1,500", true, false},
		{"1.500", false, false},
		{"(5,00)", true, true},
	}
	for _, tt := range tests {
		if comma, sure := decimalComma(tt.in); comma != tt.comma || sure != tt.sure {
			t.Errorf("decimalComma(%q) = %v, %v; want %v, %v", tt.in, comma, sure, tt.comma, tt.sure)
		}
	}
}

// TestFoldedNameTwice: "Total" and "total" are one name once folded; a
// lookup of it marks the file's header as ambiguous.
func TestFoldedNameTwice(t *testing.T) {
	src := csvfile.NewHeader("id", "Total", "status", "total")
	h := NewHeader(src)
	if h.Index("status") != 2 || src.Ambiguity() != nil {
		t.Fatal("status is clear")
	}
	if h.Index("total") != 1 || src.Ambiguity() == nil || !strings.Contains(src.Ambiguity().Error(), "(columns 2 and 4)") {
		t.Errorf("%v", src.Ambiguity())
	}
}

func TestIsEmail(t *testing.T) {
	for s, want := range map[string]bool{"a@b.co": true, "Bob <a@b.co>": false, "a@b": false, "@b.co": false, "+1555": false, "a@b.": false} {
		if IsEmail(s) != want {
			t.Errorf("IsEmail(%q) != %v", s, want)
		}
	}
}
