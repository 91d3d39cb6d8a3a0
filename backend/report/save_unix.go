//go:build !windows

package report

import (
	"os"
	"syscall"
)

// lockPartial marks a partial file as being written: the lock goes with
// the process, so a killed Keel's partial file is unlocked.
func lockPartial(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeIfStale removes a partial file no process is writing.
func removeIfStale(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
		os.Remove(path)
	}
}
