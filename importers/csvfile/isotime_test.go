package csvfile

import (
	"math/rand"
	"testing"
	"time"
)

// The quick ISO reader agrees with the general parser on every string it
// accepts, and accepts the common forms.
func TestISOTimeAgreesWithGeneralParser(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	accepted := 0
	check := func(s string, loc *time.Location) {
		got, ok := isoTime(s, loc)
		if !ok {
			return
		}
		accepted++
		want, wok := parseAnyTime(s, loc)
		if !wok || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("isoTime(%q, %v) = %v; the general parser says %v, %v", s, loc, got, want, wok)
		}
	}
	for _, s := range []string{"2025-11-26T14:03:00", "2025-11-26 14:03:00", "2025-11-26T14:03:00Z", "2025-11-26T14:03:00.123456+00:00",
		"2024-02-29T23:59:59.9Z", "2023-02-29T00:00:00Z", "2025-11-26T24:00:00Z", "2025-11-26T14:03:60Z", "2025-11-26T14:03:00+01:00",
		"2025-11-26T14:03:00.Z", "1900-01-01 00:00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2025-1-26T14:03:00Z"} {
		check(s, time.UTC)
		check(s, ny)
	}
	if _, ok := isoTime("2025-11-26T14:03:00", ny); ok {
		t.Error("a naive time in another zone must go to the general parser")
	}
	rnd := rand.New(rand.NewSource(7))
	for i := 0; i < 20000; i++ {
		tm := time.Unix(rnd.Int63n(8e9)-2e9, rnd.Int63n(1e9)).UTC()
		layout := []string{"2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02T15:04:05.000000-0700", "2006-01-02T15:04:05.999999999Z"}[i%4]
		check(tm.Format(layout), time.UTC)
	}
	if accepted < 20000 {
		t.Errorf("only %d strings took the quick path", accepted)
	}
}
