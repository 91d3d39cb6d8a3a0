package zendesk

import "testing"

func TestNumberRoundsMinutes(t *testing.T) {
	cases := []struct {
		s     string
		scale int64
		want  int64
		ok    bool
	}{
		{"1604", 1, 1604, true}, {" 42 ", 1, 42, true}, {"3", 60, 180, true}, {"12.5", 1, 13, true},
		{"12.4", 1, 12, true}, {"0.5", 60, 30, true}, {"-2.5", 1, -3, true}, {"", 1, 0, false},
		{"1e3", 1, 0, false}, {"1/2", 1, 0, false}, {"abc", 1, 0, false},
		{"1234567890123456", 1, 1234567890123456, true}, // past the quick path's 15 digits
	}
	for _, c := range cases {
		got, ok := number(c.s, c.scale)
		if got != c.want || ok != c.ok {
			t.Errorf("number(%q, %d) = %d, %v; want %d, %v", c.s, c.scale, got, ok, c.want, c.ok)
		}
	}
}
