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
	return lockAs(path, os.O_RDWR, syscall.LOCK_EX)
}

// lockShared takes a shared lock for a reader: readers may run side by
// side, and none while a Keel process holds the workspace to write.
func lockShared(path string) (*os.File, error) {
	return lockAs(path, os.O_RDONLY, syscall.LOCK_SH)
}

func lockAs(path string, mode, how int) (*os.File, error) {
	f, err := os.OpenFile(path, mode, 0)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Cannot open %s: %v", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, alreadyOpen(path)
	}
	return f, nil
}

func alreadyOpen(path string) error {
	return backend.Errorf(backend.Conflict, "%s is already open in another Keel window or process. Close it there first.", path)
}
