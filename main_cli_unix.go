//go:build cli && !windows

package main

import (
	"os"
	"syscall"
)

// run replaces this process with the window's program (same process id,
// same signals); it returns only when it cannot.
func run(path string, args []string) (int, error) {
	return 1, syscall.Exec(path, append([]string{path}, args...), os.Environ())
}
