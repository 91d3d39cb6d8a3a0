package clock

import (
	"strings"
	"testing"
	"time"
)

// fake is a real clock that the test moves.
type fake struct{ t time.Time }

func (f *fake) now() time.Time { return f.t }

func TestParse(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = berlin
	defer func() { time.Local = saved }()

	real := &fake{time.Date(2026, 12, 7, 23, 59, 0, 0, time.UTC)}
	cases := []struct {
		value string
		want  time.Time
	}{
		{"2028-02-29", time.Date(2028, 2, 29, 12, 0, 0, 0, berlin)},
		{" 2026-03-29 ", time.Date(2026, 3, 29, 12, 0, 0, 0, berlin)}, // the day Berlin moves to summer time
		{"2027-12-31T23:30:00+01:00", time.Date(2027, 12, 31, 22, 30, 0, 0, time.UTC)},
		{"2028-01-01T00:00:00Z", time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		real.t = time.Date(2026, 12, 7, 23, 59, 0, 0, time.UTC)
		now, err := Parse(c.value, real.now)
		if err != nil {
			t.Fatalf("%q: %v", c.value, err)
		}
		if got := now(); !got.Equal(c.want) {
			t.Errorf("%q: starts at %s, want %s", c.value, got, c.want)
		}
		real.t = real.t.Add(90 * time.Minute) // the real clock runs on, so does this one
		if got := now(); !got.Equal(c.want.Add(90 * time.Minute)) {
			t.Errorf("%q: 90 minutes later %s, want %s", c.value, got, c.want.Add(90*time.Minute))
		}
	}
	if now, err := Parse("", real.now); err != nil || !now().Equal(real.t) {
		t.Errorf("unset: %v, %v; want the real clock", now(), err)
	}
	for _, bad := range []string{"2028-02-30", "29/02/2028", "2028-02-29 10:00", "tomorrow"} {
		if _, err := Parse(bad, real.now); err == nil || !strings.Contains(err.Error(), Env) || !strings.Contains(err.Error(), bad) {
			t.Errorf("%q: err = %v, want one naming %s and the value", bad, err, Env)
		}
	}
}
