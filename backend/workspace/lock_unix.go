//go:build !windows

package workspace

import (
	"os"
	"syscall"

	"keel/backend"
)

// lockFile takes an exclusive advisory lock on the workspace for the life of
// the process, so a second Keel gets a clear message instead of racing.
// flock locks are independent of SQLite's own fcntl locks on Linux and macOS.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Cannot open %s: %v", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, backend.Errorf(backend.Conflict, "%s is already open in another Keel window or process. Close it there first.", path)
	}
	return f, nil
}
