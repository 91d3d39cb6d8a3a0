// Package demotest shares the demo-workspace fixture of the backend's tests:
// the demo company is built once per test binary and every test opens a
// private copy of it.
package demotest

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

// Now is the fixed clock the demo is built at: the demo company's data runs
// to mid-March 2026, so February 2026 is the last complete month.
var Now = time.Date(2026, 3, 14, 15, 30, 0, 0, time.UTC)

// Fixture builds the demo workspace once, in a temporary directory named
// after prefix, and hands out private copies of it.
type Fixture struct {
	prefix string
	once   sync.Once
	dir    string
	err    error
}

// New returns a fixture whose temporary directory is named prefix*.
func New(prefix string) *Fixture { return &Fixture{prefix: prefix} }

// Remove deletes the built demo, if any; call it from TestMain after m.Run.
func (f *Fixture) Remove() {
	if f.dir != "" {
		os.RemoveAll(f.dir)
	}
}

// Open opens a private copy of the demo workspace (built once per test
// run) with the clock fixed at now.
func (f *Fixture) Open(t testing.TB, now time.Time) *workspace.DB {
	t.Helper()
	f.once.Do(func() {
		if f.dir, f.err = os.MkdirTemp("", f.prefix); f.err == nil {
			f.err = pipeline.CreateDemo(context.Background(), filepath.Join(f.dir, "demo.keel"), Now, nil)
		}
	})
	if f.err != nil {
		t.Fatal(f.err)
	}
	raw, err := os.ReadFile(filepath.Join(f.dir, "demo.keel"))
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
