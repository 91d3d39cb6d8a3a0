package report

import (
	"os"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/internal/demotest"
	"keel/backend/workspace"
)

// demoNow is the fixed clock of the tests: the demo company's data runs to
// mid-March 2026, so February 2026 is the last complete month.
var demoNow = demotest.Now

var demo = demotest.New("keel-report-")

// cleanups run after every test and benchmark of the package.
var cleanups []func()

func TestMain(m *testing.M) {
	code := m.Run()
	demo.Remove()
	for _, f := range cleanups {
		f()
	}
	os.Exit(code)
}

// demoDB opens a private copy of the demo workspace (built once per test
// run) with the clock fixed at now.
func demoDB(t testing.TB, now time.Time) *workspace.DB {
	t.Helper()
	return demo.Open(t, now)
}

// mo is a month written YYYY-MM.
func mo(s string) backend.Month {
	m, err := backend.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}
