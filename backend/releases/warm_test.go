package releases

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"keel/backend/workspace"
)

// Warm reads the base once; a window asked for while it is being read
// waits for it instead of reading it again, and later ones read nothing.
func TestWarmReadsTheBaseOnce(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var reads atomic.Int64
	inside := make(chan struct{}, 1)
	baseRead = func() {
		reads.Add(1)
		select {
		case inside <- struct{}{}:
		default:
		}
		time.Sleep(100 * time.Millisecond) // a slow read: the second caller arrives meanwhile
	}
	t.Cleanup(func() { baseRead = func() {} })

	ctx := context.Background()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); Warm(ctx, db) }()
	<-inside
	if _, err := loadBase(ctx, db); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if _, err := loadBase(ctx, db); err != nil {
		t.Fatal(err)
	}
	if n := reads.Load(); n != 1 {
		t.Fatalf("the base was read %d times, want once", n)
	}
}
