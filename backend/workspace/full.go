package workspace

import "strings"

// DiskFull reports whether err is SQLite's SQLITE_FULL, which a full disk
// gives (Keel's errors quote SQLite's message).
func DiskFull(err error) bool {
	return err != nil && strings.Contains(err.Error(), "database or disk is full")
}

// FullDisk is how Keel says it, in the middle of a sentence.
const FullDisk = "the disk is full (database or disk is full)"
