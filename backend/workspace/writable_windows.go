//go:build windows

package workspace

import (
	"os"
	"path/filepath"
)

// canWrite reports whether this process may write to path (a file, or a
// folder: make files in it), by trying.
func canWrite(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return false
		}
		f.Close()
		return true
	}
	f, err := os.CreateTemp(path, ".keel-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(filepath.Join(path, filepath.Base(f.Name())))
	return true
}
