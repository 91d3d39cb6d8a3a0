package money

import (
	"math"
	"math/big"
	"testing"

	"keel/backend"
)

func TestExponent(t *testing.T) {
	tests := []struct {
		cur  string
		exp  int
		good bool
	}{
		{"usd", 2, true}, {"USD", 2, true}, {" eur ", 2, true}, {"Gbp", 2, true},
		{"nzd", 2, true}, {"thb", 2, true}, {"aud", 2, true},
		{"jpy", 0, true}, {"krw", 0, true}, {"vnd", 0, true}, {"clp", 0, true},
		{"isk", 0, true}, {"xaf", 0, true}, {"xof", 0, true}, {"ugx", 0, true},
		{"pyg", 0, true}, {"bif", 0, true}, {"djf", 0, true}, {"gnf", 0, true},
		{"kmf", 0, true}, {"rwf", 0, true}, {"vuv", 0, true}, {"xpf", 0, true}, {"uyi", 0, true},
		{"bhd", 3, true}, {"iqd", 3, true}, {"jod", 3, true}, {"kwd", 3, true},
		{"lyd", 3, true}, {"omr", 3, true}, {"tnd", 3, true},
		{"clf", 4, true}, {"uyw", 4, true},
		{"huf", 2, true}, {"twd", 2, true}, {"mga", 2, true}, {"inr", 2, true},
		{"", 0, false}, {"us", 0, false}, {"usdd", 0, false}, {"xyz", 0, false},
		{"xau", 0, false}, {"btc", 0, false},
	}
	for _, tt := range tests {
		exp, ok := Exponent(tt.cur)
		if exp != tt.exp || ok != tt.good {
			t.Errorf("Exponent(%q) = %d, %v; want %d, %v", tt.cur, exp, ok, tt.exp, tt.good)
		}
	}
	if len(exponents) < 150 {
		t.Errorf("only %d currencies in the table", len(exponents))
	}
	for code, e := range exponents {
		if len(code) != 3 || e < 0 || e > 4 {
			t.Errorf("bad entry %q: %d", code, e)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		exp   int
		comma bool
		want  int64
	}{
		// Stripe style
		{"15.00", 2, false, 1500},
		{"27600.00", 2, false, 2760000},
		{"-0.03", 2, false, -3},
		{"0.00", 2, false, 0},
		{"-0", 2, false, 0},
		{"8", 2, false, 800},
		{"1.5", 2, false, 150},
		{".5", 2, false, 50},
		{"5.", 2, false, 500},
		{"1000", 0, false, 1000},
		{"1235", 0, false, 1235},
		{"1.235", 3, false, 1235},
		{"0.001", 3, false, 1},
		{"1.2345", 4, false, 12345},
		// extra zero decimals are fine
		{"15.000", 2, false, 1500},
		{"1500.00", 0, false, 1500},
		{"12.3400000", 2, false, 1234},
		// signs and parentheses
		{"+12.00", 2, false, 1200},
		{"(5.00)", 2, false, -500},
		{"( 5.00 )", 2, false, -500},
		{"5.00-", 2, false, -500},
		{"−5.00", 2, false, -500},
		{"- 5.00", 2, false, -500},
		// currency marks
		{"$12", 2, false, 1200},
		{"-$12.50", 2, false, -1250},
		{"$-12.50", 2, false, -1250},
		{"($1,234.56)", 2, false, -123456},
		{"€ 1.234,56", 2, false, 123456},
		{"1.234,56 €", 2, false, 123456},
		{"£9.99", 2, false, 999},
		{"¥1,235", 0, false, 1235},
		{"US$ 10", 2, false, 1000},
		{"R$ 1.234,56", 2, false, 123456},
		{"NZ$3.99", 2, false, 399},
		{"12 US$", 2, false, 1200},
		{"USD 12.00", 2, false, 1200},
		{"12.00 usd", 2, false, 1200},
		{"EUR -3,50", 2, false, -350},
		{"-3.50 EUR", 2, false, -350},
		{"1 234,50 kr", 2, false, 123450},
		{"100 kr.", 2, false, 10000},
		{"zł 5,00", 2, false, 500},
		{"Fr. 12.50", 2, false, 1250},
		{"CHF 1'234.50", 2, false, 123450},
		// thousands separators
		{"-27,600.00", 2, false, -2760000},
		{"1,234", 2, false, 123400},
		{"1,234,567", 0, false, 1234567},
		{"1,234,567.89", 2, false, 123456789},
		{"1.234.567", 0, false, 1234567},
		{"1.234.567,89", 2, false, 123456789},
		{"1 234 567,89", 2, false, 123456789},
		{"1\u00a0234,56", 2, false, 123456},
		{"1\u202f234,56", 2, false, 123456},
		{"1'234'567.50", 2, false, 123456750},
		{"1’234.50", 2, false, 123450},
		{"12,34,567.00", 2, false, 123456700}, // Indian grouping
		// decimal comma, unambiguous or requested
		{"15,00", 2, false, 1500},
		{"15,5", 2, false, 1550},
		{"0,123", 3, false, 123},
		{"1,2345", 4, false, 12345},
		{"1.234,56", 2, false, 123456},
		{"1,234.56", 2, false, 123456},
		{"15,00", 2, true, 1500},
		{"1,234", 3, true, 1234},
		{"1.234", 2, true, 123400},
		{"1.234,5", 2, true, 123450},
		{"15.00", 2, true, 1500},
		{"0.125", 3, true, 125},
		// large values
		{"92233720368547758.07", 2, false, math.MaxInt64},
		{"-92233720368547758.07", 2, false, -math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, tt.exp, tt.comma)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q, %d, %v) = %d, %v; want %d", tt.in, tt.exp, tt.comma, got, err, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in    string
		exp   int
		comma bool
		msg   string
	}{
		{"abc", 2, false, `"abc" is not an amount`},
		{"", 2, false, "the amount is empty"},
		{"   ", 2, false, "the amount is empty"},
		{"-", 2, false, `"-" is not an amount`},
		{"$", 2, false, `"$" is not an amount`},
		{"USD", 2, false, `"USD" is not an amount`},
		{".", 2, false, `"." is not an amount`},
		{"12 apples", 2, false, `"12 apples" is not an amount`},
		{"1.5k", 2, false, `"1.5k" is not an amount`},
		{"5%", 2, false, `"5%" is not an amount`},
		{"1e5", 2, false, `"1e5" is not an amount (scientific notation is not supported)`},
		{"1.5E+3", 2, false, `"1.5E+3" is not an amount (scientific notation is not supported)`},
		{"15.005", 2, false, `"15.005" has more decimals than the currency allows (2)`},
		{"1.5", 0, false, `"1.5" has more decimals than the currency allows (0)`},
		{"1.2345", 3, false, `"1.2345" has more decimals than the currency allows (3)`},
		{"1.234", 2, false, `"1.234" has more decimals than the currency allows (2)`},
		{"(5.00", 2, false, `"(5.00" is not an amount`},
		{"5.00)", 2, false, `"5.00)" is not an amount`},
		{"--5", 2, false, `"--5" is not an amount`},
		{"-5-", 2, false, `"-5-" is not an amount`},
		{"1,,234", 2, false, `"1,,234" is not an amount`},
		{"1.2.3", 2, false, `"1.2.3" is not an amount`},
		{"1,234.567.89", 2, false, `"1,234.567.89" is not an amount`},
		{"1.234,567,89", 2, false, `"1.234,567,89" is not an amount`},
		{"1,23,4", 2, false, `"1,23,4" is not an amount`},
		{"1234,567,890", 0, false, `"1234,567,890" is not an amount`},
		{"1 234.567,89", 2, false, `"1 234.567,89" is not an amount`},
		{"1 23", 2, false, `"1 23" is not an amount`},
		{"1.234.5", 2, true, `"1.234.5" is not an amount`},
		{"92233720368547758.08", 2, false, `"92233720368547758.08" is too large an amount`},
		{"99999999999999999999", 0, false, `"99999999999999999999" is too large an amount`},
		{"0x1F", 0, false, `"0x1F" is not an amount`},
		{"1_000", 0, false, `"1_000" is not an amount`},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, tt.exp, tt.comma)
		if err == nil {
			t.Errorf("Parse(%q) = %d, want error %q", tt.in, got, tt.msg)
			continue
		}
		if backend.ErrorCode(err) != backend.Invalid || err.Error() != tt.msg {
			t.Errorf("Parse(%q) error %q (%s), want %q", tt.in, err, backend.ErrorCode(err), tt.msg)
		}
	}
	if _, err := Parse("1", -1, false); backend.ErrorCode(err) != backend.Internal {
		t.Errorf("negative exponent: %v", err)
	}
}

func TestParseIn(t *testing.T) {
	tests := []struct {
		in, cur string
		want    int64
		msg     string
	}{
		{"15.00", "usd", 1500, ""},
		{"15.000", "usd", 1500, ""},
		{"15.005", "usd", 0, `"15.005" has more decimals than USD allows (2)`},
		{"1,235", "jpy", 1235, ""},
		{"1.5", "JPY", 0, `"1.5" has more decimals than JPY allows (0)`},
		{"1.235", "kwd", 1235, ""},
		{"1.2345", "kwd", 0, `"1.2345" has more decimals than KWD allows (3)`},
		{"5", "xyz", 0, `"xyz" is not a currency code Keel knows`},
	}
	for _, tt := range tests {
		got, err := ParseIn(tt.in, tt.cur, false)
		if tt.msg == "" && (err != nil || got != tt.want) || tt.msg != "" && (err == nil || err.Error() != tt.msg) {
			t.Errorf("ParseIn(%q, %q) = %d, %v; want %d %q", tt.in, tt.cur, got, err, tt.want, tt.msg)
		}
	}
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name             string
		n                int64
		eFrom            int
		rateNum, rateDen int64
		eTo              int
		want             int64
	}{
		{"identity", 1500, 2, 1, 1, 2, 1500},
		{"eur to usd", 2495, 2, 2924, 2495, 2, 2924},
		{"1.1 rate", 1000, 2, 11, 10, 2, 1100},
		{"half rounds up", 1, 2, 1, 2, 2, 1},               // 0.005 → 0.01
		{"half rounds away from zero", -1, 2, 1, 2, 2, -1}, // -0.005 → -0.01
		{"below half rounds down", 1, 2, 49, 100, 2, 0},
		{"above half", 1, 2, 51, 100, 2, 1},
		{"negative below half", -1, 2, 49, 100, 2, 0},
		{"usd to jpy", 1000, 2, 15025, 100, 0, 1503}, // $10.00 × 150.25 = ¥1502.5 → 1503
		{"jpy to usd", 1000, 0, 1, 150, 2, 667},      // ¥1000 / 150 = $6.666… → 6.67
		{"usd to kwd", 1000, 2, 307, 1000, 3, 3070},  // $10 × 0.307 = KWD 3.070
		{"kwd to usd", 1235, 3, 326, 100, 2, 403},    // 1.235 × 3.26 = 4.0261 → 4.03
		{"clf to clp", 10000, 4, 38000, 1, 0, 38000},
		{"negative rate denominator", 1000, 2, 11, -10, 2, -1100},
		{"thb", 2999, 2, 3297, 100, 2, 98877}, // 29.99 × 32.97 = 988.7703
		{"third", 100, 2, 1, 3, 2, 33},
		{"two thirds", 200, 2, 1, 3, 2, 67},
		{"zero", 0, 2, 123, 7, 0, 0},
		{"near the limit", math.MaxInt64 / 10, 2, 10, 11, 2, 838488366986797800},
		{"big path", math.MaxInt64, 2, 3, 7, 2, 3952873730080618203},
		{"big path, half", math.MaxInt64, 0, 1, 2, 0, 4611686018427387904},
	}
	for _, tt := range tests {
		got := Convert(tt.n, tt.eFrom, tt.rateNum, tt.rateDen, tt.eTo)
		if got != tt.want {
			t.Errorf("%s: Convert(%d, %d, %d/%d, %d) = %d, want %d", tt.name, tt.n, tt.eFrom, tt.rateNum, tt.rateDen, tt.eTo, got, tt.want)
		}
		// The same through big.Rat and the pure big-integer path.
		if tt.rateDen > 0 {
			r := big.NewRat(tt.rateNum, tt.rateDen)
			if got := ConvertRat(tt.n, tt.eFrom, r, tt.eTo); got != tt.want {
				t.Errorf("%s: ConvertRat = %d, want %d", tt.name, got, tt.want)
			}
		}
		if got := convertBig(big.NewInt(tt.n), tt.eFrom, big.NewInt(tt.rateNum), big.NewInt(tt.rateDen), tt.eTo); got != tt.want {
			t.Errorf("%s: convertBig = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestConvertMatchesBig(t *testing.T) {
	// Exhaustive small cases: the int64 fast path equals exact rounding.
	for n := int64(-300); n <= 300; n += 7 {
		for num := int64(1); num <= 40; num += 3 {
			for den := int64(1); den <= 40; den += 5 {
				for _, e := range [][2]int{{2, 2}, {2, 0}, {0, 2}, {3, 2}, {2, 3}, {4, 0}} {
					fast := Convert(n, e[0], num, den, e[1])
					exact := convertBig(big.NewInt(n), e[0], big.NewInt(num), big.NewInt(den), e[1])
					if fast != exact {
						t.Fatalf("Convert(%d, %d, %d/%d, %d) = %d, exact %d", n, e[0], num, den, e[1], fast, exact)
					}
				}
			}
		}
	}
}

func TestConvertPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"zero denominator": func() { Convert(1, 2, 1, 0, 2) },
		"overflow":         func() { Convert(math.MaxInt64, 0, 10, 1, 0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestRateOf(t *testing.T) {
	// €24.95 settled as $29.24: r = 29.24/24.95.
	r := RateOf(2495, 2, 2924, 2)
	if r.Cmp(big.NewRat(2924, 2495)) != 0 {
		t.Errorf("RateOf = %v", r)
	}
	// ¥1000 settled as $6.67: r = 6.67/1000.
	if r := RateOf(1000, 0, 667, 2); r.Cmp(big.NewRat(667, 100000)) != 0 {
		t.Errorf("RateOf jpy = %v", r)
	}
	if ConvertRat(2495, 2, RateOf(2495, 2, 2924, 2), 2) != 2924 {
		t.Error("round trip")
	}
	if RateOf(0, 2, 5, 2) != nil {
		t.Error("zero amount gives a rate")
	}
}

func TestParseRate(t *testing.T) {
	good := map[string]*big.Rat{
		"1.0834": big.NewRat(10834, 10000),
		"1,0834": big.NewRat(10834, 10000),
		" 150 ":  big.NewRat(150, 1),
		"3/4":    big.NewRat(3, 4),
		"0.5":    big.NewRat(1, 2),
	}
	for in, want := range good {
		r, err := ParseRate(in)
		if err != nil || r.Cmp(want) != 0 {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", in, r, err, want)
		}
	}
	for _, in := range []string{"", "abc", "0", "-1.2", "1e3", "1/0", "1.2.3", "1,234.5"} {
		if r, err := ParseRate(in); err == nil || backend.ErrorCode(err) != backend.Invalid {
			t.Errorf("ParseRate(%q) = %v, %v; want an error", in, r, err)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		n    int64
		cur  string
		want string
	}{
		{123456, "usd", "$1,234.56"},
		{-123456, "USD", "-$1,234.56"},
		{5, "usd", "$0.05"},
		{0, "usd", "$0.00"},
		{500, "eur", "€5.00"},
		{999, "gbp", "£9.99"},
		{1235, "jpy", "¥1,235"},
		{1235, "kwd", "KWD 1.235"},
		{1250, "chf", "CHF 12.50"},
		{123456789, "thb", "THB 1,234,567.89"},
		{100, "xyz", "XYZ 1.00"},
		{100, "", "1.00"},
		{math.MinInt64, "usd", "-$92,233,720,368,547,758.08"},
		{100000, "krw", "₩100,000"},
	}
	for _, tt := range tests {
		if got := Format(tt.n, tt.cur); got != tt.want {
			t.Errorf("Format(%d, %q) = %q, want %q", tt.n, tt.cur, got, tt.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		n    int64
		exp  int
		want string
	}{
		{-123456, 2, "-1234.56"}, {5, 3, "0.005"}, {1235, 0, "1235"}, {-5, 2, "-0.05"},
		{0, 2, "0.00"}, {12345, 4, "1.2345"}, {math.MinInt64, 2, "-92233720368547758.08"},
	}
	for _, tt := range tests {
		got := Decimal(tt.n, tt.exp)
		if got != tt.want {
			t.Errorf("Decimal(%d, %d) = %q, want %q", tt.n, tt.exp, got, tt.want)
		}
		// Decimal and Parse round-trip.
		if tt.n != math.MinInt64 {
			if back, err := Parse(got, tt.exp, false); err != nil || back != tt.n {
				t.Errorf("Parse(Decimal(%d)) = %d, %v", tt.n, back, err)
			}
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Parse("27600.00", 2, false)
	}
}

func BenchmarkConvert(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Convert(2495, 2, 2924, 2495, 2)
	}
}

// The quick path reads plain amounts exactly as the full parser does, and
// leaves everything else to it.
func TestParsePlainAgreesWithFullParse(t *testing.T) {
	inputs := []string{"0", "-0", "12", "12.3", "12.34", "12.345", "-9.99", "1,5", "1,50", "1.234,56", "1,234.56",
		"12.", ".5", "-", "", "1e5", "007", "123456789012345678", "99999999999999999.99", "12.3000", "+5", " 5", "5 ", "1.2.3"}
	for _, s := range inputs {
		for _, exp := range []int{0, 2, 3, 18} {
			for _, comma := range []bool{false, true} {
				v, ok := parsePlain(s, exp, comma)
				if !ok {
					continue
				}
				w, e := parseFull(s, exp, comma)
				if e != noErr || v != w {
					t.Errorf("parsePlain(%q, %d, %v) = %d, full parse = %d (err %d)", s, exp, comma, v, w, e)
				}
			}
		}
	}
	if _, ok := parsePlain("12.345", 2, false); ok {
		t.Error("three decimals in a two-decimal currency must go to the full parser (it explains the error)")
	}
	if v, ok := parsePlain("-12.3", 2, false); !ok || v != -1230 {
		t.Errorf("parsePlain(-12.3) = %d, %v", v, ok)
	}
}
