// Package clock is Keel's one "today". The app, the command line, the demo
// and the test scripts ask it for the time, and KEEL_TODAY moves it, so that
// Keel can be run "on" any date: KEEL_TODAY=2028-02-29 starts the clock at
// noon, local time, that day; an RFC 3339 time (2028-02-29T23:30:00+01:00)
// starts it at that instant. Either way it then runs at the real pace.
// Nothing else reads the variable.
package clock

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// Env is the variable that sets today.
const Env = "KEEL_TODAY"

var (
	once sync.Once
	now  func() time.Time
	err  error
)

func load() {
	if now, err = Parse(os.Getenv(Env), time.Now); err != nil {
		now = time.Now
	}
}

// Now is the time as Keel sees it.
func Now() time.Time {
	once.Do(load)
	return now()
}

// Err reports a KEEL_TODAY that is neither a date nor an RFC 3339 time
// (Now then runs on the real clock); the program stops on it.
func Err() error {
	once.Do(load)
	return err
}

// Parse returns the clock that value names, running at real's pace; ""
// is real itself.
func Parse(value string, real func() time.Time) (func() time.Time, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return real, nil
	}
	var start time.Time
	if d, err := time.ParseInLocation(time.DateOnly, value, time.Local); err == nil {
		start = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.Local)
	} else if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		start = t
	} else {
		return nil, fmt.Errorf("%s=%q is neither a date (2028-02-29) nor an RFC 3339 time (2028-02-29T23:30:00+01:00)", Env, value)
	}
	offset := start.Sub(real())
	return func() time.Time { return real().Add(offset) }, nil
}
