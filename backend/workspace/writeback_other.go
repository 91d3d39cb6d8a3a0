//go:build !linux

package workspace

// startWriteback is Linux only (see writeback_linux.go).
func startWriteback(string) (stop func()) { return func() {} }
