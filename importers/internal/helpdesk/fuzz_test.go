package helpdesk

import (
	"errors"
	"testing"
	"time"

	"keel/backend"
)

// FuzzMinutes: a duration reads to whole minutes, never negative, or is
// refused with a sentence (a plain number without a unit: ErrNoUnit).
func FuzzMinutes(f *testing.F) {
	for _, s := range []string{"01:30:00", "1:05", "2h 5m", "1d 2h 3m 4s", "90", "1.5", "-3", "", "-", "null", "1e309", "NaN",
		"99999999999999999999", "3 hours 5 minutes", "12:60"} {
		f.Add(s, int64(time.Second))
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, s string, unit int64) {
		if unit < 0 || unit > int64(24*time.Hour) {
			unit = int64(time.Minute)
		}
		m, err := Minutes(s, time.Duration(unit))
		if err != nil {
			var be *backend.Error
			if !errors.As(err, &be) || be.Message == "" {
				t.Fatalf("%q: not a sentence: %v", s, err)
			}
			return
		}
		if m != nil && *m < 0 {
			t.Fatalf("%q: %d minutes", s, *m)
		}
	})
}
