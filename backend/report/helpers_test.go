package report

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"keel/backend/pipeline"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// demoNow is the fixed clock of the tests: the demo company's data runs to
// mid-March 2026, so February 2026 is the last complete month.
var demoNow = time.Date(2026, 3, 14, 15, 30, 0, 0, time.UTC)

var demo struct {
	once sync.Once
	dir  string
	err  error
}

// cleanups run after every test and benchmark of the package.
var cleanups []func()

func TestMain(m *testing.M) {
	code := m.Run()
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	for _, f := range cleanups {
		f()
	}
	os.Exit(code)
}

// demoDB opens a private copy of the demo workspace (built once per test
// run) with the clock fixed at now.
func demoDB(t testing.TB, now time.Time) *workspace.DB {
	t.Helper()
	demo.once.Do(func() {
		if demo.dir, demo.err = os.MkdirTemp("", "keel-report-"); demo.err == nil {
			demo.err = pipeline.CreateDemo(context.Background(), filepath.Join(demo.dir, "demo.keel"), demoNow, nil)
		}
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	raw, err := os.ReadFile(filepath.Join(demo.dir, "demo.keel"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.keel")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	t.Cleanup(func() { db.Close() })
	return db
}
