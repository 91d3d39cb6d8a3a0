//go:build windows

package workspace

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"

	"keel/backend"
)

// lockFile takes an exclusive lock on the first byte of a side file, so a
// second Keel gets a clear message instead of racing.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Cannot open %s: %v", path, err)
	}
	return lockAs(f, path, windows.LOCKFILE_EXCLUSIVE_LOCK)
}

// lockShared takes a shared lock for a reader. Without the side file no
// Keel has the workspace open to write, and a reader makes none.
func lockShared(path string) (*os.File, error) {
	f, err := os.Open(path + ".lock")
	if errors.Is(err, os.ErrNotExist) {
		return os.Open(path)
	}
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "Cannot open %s: %v", path, err)
	}
	return lockAs(f, path, 0)
}

func lockAs(f *os.File, path string, flags uint32) (*os.File, error) {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		f.Close()
		return nil, alreadyOpen(path)
	}
	return f, nil
}

func alreadyOpen(path string) error {
	return backend.Errorf(backend.Conflict, "%s is already open in another Keel window or process. Close it there first.", path)
}
