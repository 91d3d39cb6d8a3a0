//go:build windows

package report

import "os"

// lockPartial: Windows does not let a file that a process has open be
// removed, which is the lock.
func lockPartial(*os.File) error { return nil }

// removeIfStale removes a partial file no process has open.
func removeIfStale(path string) { os.Remove(path) }
