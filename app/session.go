package app

import (
	"os"
	"path/filepath"
	"time"
)

// Session is the bound API for the page's life cycle.
type Session struct{ s *State }

// NewSession binds the session API to the state.
func NewSession(s *State) *Session { return &Session{s} }

// Version is the app version, for the About line.
var Version = "dev"

// Info is what the page needs to know about the app.
func (x *Session) Info() map[string]string {
	return map[string]string{"version": Version, "data_dir": x.s.dataDir}
}

// Now is Keel's clock (backend/clock: KEEL_TODAY moves it), RFC 3339, so
// that the page's "3 days ago" counts from the same today as the numbers.
func (x *Session) Now() string { return x.s.now().Format(time.RFC3339Nano) }

// Ready is called by the page once its first screen has rendered. In smoke
// mode ($KEEL_SMOKE_DIR) it writes a "ready" file there and quits when a
// "quit" file appears, so a script can screenshot the real window.
func (x *Session) Ready() {
	dir := os.Getenv("KEEL_SMOKE_DIR")
	if dir == "" {
		return
	}
	os.WriteFile(filepath.Join(dir, "ready"), []byte(time.Now().Format(time.RFC3339)), 0o644)
	go func() {
		for {
			if _, err := os.Stat(filepath.Join(dir, "quit")); err == nil {
				x.s.mu.Lock()
				rt := x.s.rt
				x.s.mu.Unlock()
				rt.Quit()
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
}
