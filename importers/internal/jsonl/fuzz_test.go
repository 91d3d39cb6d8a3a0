package jsonl

import (
	"testing"
)

// FuzzUnixTime: a unix time in seconds or milliseconds reads to a time
// between 1970 and 9999, or is refused.
func FuzzUnixTime(f *testing.F) {
	for _, s := range []string{"1602611311", "1602787121512", "1602787121.25", "-1", "1e300", "NaN", "+Inf", "0x10", "", " 12 ", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := UnixTime(s)
		if err != nil {
			return
		}
		if y := tm.Year(); y < 1970 || y > 9999 {
			t.Fatalf("%q: year %d", s, y)
		}
	})
}
