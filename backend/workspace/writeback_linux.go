package workspace

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// startWriteback has the kernel start writing the workspace file's new
// pages to disk every 200 ms while an import adds to it. Linux otherwise
// keeps them in memory until the commit's fsync (up to a tenth of RAM),
// which then held the window at "Saving…" for 0.6 s after a 5M-event file;
// started early, the disk writes while the CPU parses. It returns the
// function that stops it.
func startWriteback(path string) (stop func()) {
	f, err := os.Open(path)
	if err != nil {
		return func() {} // only an optimisation
	}
	done := make(chan struct{})
	go func() {
		defer f.Close()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
			}
		}
	}()
	return func() { close(done) }
}
