package costs

import (
	"strings"
	"testing"

	"keel/backend"
)

func TestParseUnitCost(t *testing.T) {
	good := []struct {
		in   string
		want int64
	}{
		{"0.12", 120_000}, {"0,5", 500_000}, {"3", 3_000_000}, {".25", 250_000}, {"0", 0}, {"0.000001", 1},
		{"1000000", 1_000_000_000_000}, {" 12.5 ", 12_500_000},
	}
	for _, c := range good {
		got, err := ParseUnitCost(c.in, "usd", "e-mail")
		if err != nil || got != c.want {
			t.Errorf("%q: %d %v, want %d", c.in, got, err, c.want)
		}
		if err == nil && c.in == "0.12" && FormatMicro(got) != "0.12" {
			t.Errorf("FormatMicro(%d) = %q", got, FormatMicro(got))
		}
	}
	bad := []struct{ in, want string }{
		{"-0.5", "cannot be negative: -0.5 cents per e-mail would mean every e-mail earns you money"},
		{"−2", "cannot be negative"},
		{"", "how many cents one e-mail costs"},
		{"abc", `"abc" is not a number`},
		{"1.2.3", "is not a number"},
		{"5.", "is not a number"},
		{"0.1234567", "more than 6 decimals"},
		{"2000000", "2000000 cents per e-mail is more than $10,000.00 for one e-mail"},
		{"1000000.01", "is more than $10,000.00"},
	}
	for _, c := range bad {
		_, err := ParseUnitCost(c.in, "usd", "e-mail")
		if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want an error saying %q", c.in, err, c.want)
		}
	}
	if _, err := ParseUnitCost("5000", "jpy", "call"); err != nil {
		t.Errorf("5000 yen a call: %v", err)
	}
	if _, err := ParseUnitCost("-1", "jpy", "call"); err == nil || !strings.Contains(err.Error(), "-1 whole JPY per call") {
		t.Errorf("negative yen: %v", err)
	}
}

func TestAccumulatorRoundsOnceAndDoesNotOverflow(t *testing.T) {
	var a acc
	a.add(3, 500_000) // 3 × 0.5 = 1.5
	if a.minor() != 2 {
		t.Errorf("1.5 rounds to %d, want 2", a.minor())
	}
	var b acc
	b.add(1, 400_000) // 0.4
	b.add(1, 400_000) // 0.8: rounded once → 1, not 0 + 0
	if b.minor() != 1 {
		t.Errorf("0.4 + 0.4 = %d, want 1", b.minor())
	}
	var c acc
	c.add(5_000_000_000, 1_000_000_000_000) // 5e9 units at 1,000,000 minor each: 5e15 minor, 5e21 micro
	if got := c.minor(); got != 5_000_000_000_000_000 {
		t.Errorf("large: %d", got)
	}
	if got := c.times(10).minor(); got != 50_000_000_000_000_000 {
		t.Errorf("×10: %d", got)
	}
	var d acc
	d.add(1, 1_499_999)
	if d.minor() != 1 {
		t.Errorf("1.499999 → %d", d.minor())
	}
}
