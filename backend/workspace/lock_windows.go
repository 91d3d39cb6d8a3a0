//go:build windows

package workspace

import (
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
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		f.Close()
		return nil, backend.Errorf(backend.Conflict, "%s is already open in another Keel window or process. Close it there first.", path)
	}
	return f, nil
}
