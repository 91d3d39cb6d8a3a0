//go:build !windows

package workspace

import "golang.org/x/sys/unix"

// canWrite reports whether this process may write to path (a file, or a
// folder: make files in it). access(2) also answers for a read-only mount
// and an immutable file, which hold even for root.
func canWrite(path string) bool { return unix.Access(path, unix.W_OK) == nil }
