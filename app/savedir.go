package app

import (
	"os"
	"path/filepath"
	"sync"
)

// Where a native save dialog opens: the folder of the last file saved
// from Keel, else the user's Documents folder, else their home — never
// the process's working directory.

var lastSaved struct {
	sync.Mutex
	dir string
}

// saveFolder is the folder the next save dialog opens in.
func saveFolder() string {
	lastSaved.Lock()
	last := lastSaved.dir
	lastSaved.Unlock()
	home, _ := os.UserHomeDir()
	return startFolder(last, home, isDir)
}

// savedTo remembers the folder of a file just saved (path "" when the
// founder cancelled).
func savedTo(path string) {
	if path == "" {
		return
	}
	lastSaved.Lock()
	lastSaved.dir = filepath.Dir(path)
	lastSaved.Unlock()
}

// startFolder picks the folder: last if it still exists, else
// home/Documents, else home ("" lets the dialog choose).
func startFolder(last, home string, isDir func(string) bool) string {
	if last != "" && isDir(last) {
		return last
	}
	if home == "" {
		return ""
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	if isDir(home) {
		return home
	}
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
